public function main() {
    string? subject = ();
    int n = subject.length(); // @error undefined function 'length' in type 'string?'
    _ = n;
}

public function main() {
    int n = 5;
    string s = n; // @error incompatible types: expected 'string', found 'int'
}

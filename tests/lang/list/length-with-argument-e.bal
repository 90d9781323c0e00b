public function main() {
    string[] words = ["a", "b"];
    int n = words.length(1); // @error too many arguments in call to 'length()'
    _ = n;
}

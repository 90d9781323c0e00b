public function main() {
    int x = "a"; // @error incompatible types: expected 'int', found 'string'
}

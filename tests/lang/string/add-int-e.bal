public function main() {
    string s = 5; // @error incompatible types: expected 'string', found 'int'
}

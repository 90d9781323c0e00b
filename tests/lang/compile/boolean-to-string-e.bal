public function main() {
    string s = false; // @error incompatible types: expected 'string', found 'boolean'
}

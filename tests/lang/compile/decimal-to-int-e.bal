public function main() {
    int x = 3.5d; // @error incompatible types: expected 'int', found 'decimal'
}

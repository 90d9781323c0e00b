public function main() {
    int x = 1.5; // @error incompatible types: expected 'int', found 'float'
}

public function main() {
    int count = 0;
    count = true; // @error incompatible types: expected 'int', found 'boolean'
}

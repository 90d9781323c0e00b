public function main() {
    byte b = 300; // @error incompatible types: expected 'byte', found 'int'
}

public function main() {
    float f = 1.5;
    int i = 0;
    i = f; // @error incompatible types: expected 'int', found 'float'
}

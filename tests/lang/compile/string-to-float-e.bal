public function main() {
    float f = "1.5"; // @error incompatible types: expected 'float', found 'string'
}

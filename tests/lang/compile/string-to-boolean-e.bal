public function main() {
    boolean b = "true"; // @error incompatible types: expected 'boolean', found 'string'
}

public function main() {
    string name = "ann";
    int n = 0;
    n = name; // @error incompatible types: expected 'int', found 'string'
}

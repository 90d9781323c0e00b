function half(int x) returns int {
    return x / 2;
}

public function main() {
    int h = half("ten"); // @error incompatible types: expected 'int', found 'string'
}

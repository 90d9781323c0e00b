function name() returns string {
    return "x";
}

public function main() {
    int n = name(); // @error incompatible types: expected 'int', found 'string'
}

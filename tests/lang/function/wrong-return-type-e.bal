function name() returns string {
    return 42; // @error incompatible types: expected 'string', found 'int'
}

public function main() {
}

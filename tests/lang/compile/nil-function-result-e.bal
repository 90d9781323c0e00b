function log() {
}

public function main() {
    int n = log(); // @error incompatible types: expected 'int', found '()'
}

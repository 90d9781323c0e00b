function ok() returns boolean {
    return "yes"; // @error incompatible types: expected 'boolean', found 'string'
}

public function main() {
}

int counter = "zero"; // @error incompatible types: expected 'int', found 'string'

public function main() {
}

const int LIMIT = "ten"; // @error incompatible types: expected 'int', found 'string'

public function main() {
}

function two(int a, int b) returns int => a + b;

public function main() {
    int x = two(1, 2, 3); // @error too many arguments
}

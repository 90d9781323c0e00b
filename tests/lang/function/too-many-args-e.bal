function one(int a) returns int {
    return a;
}

public function main() {
    int x = one(1, 2); // @error too many arguments
}

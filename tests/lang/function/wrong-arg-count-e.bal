function add(int a, int b) returns int {
    return a + b;
}

public function main() {
    int x = add(1); // @error missing required parameter 'b'
}

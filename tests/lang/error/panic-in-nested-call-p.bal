function inner(int x) returns int {
    if x > 1 {
        panic error("too deep"); // @panic too deep
    }
    return inner(x + 1);
}

public function main() {
    _ = inner(0);
}

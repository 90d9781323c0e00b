function forever(int n) returns int {
    return forever(n + 1) + 1; // @panic
}

public function main() {
    _ = forever(0);
}

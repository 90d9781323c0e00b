function double(int x) returns int {
    return x * 2; // @panic {ballerina}NumberOverflow
}

public function main() {
    _ = double(int:MAX_VALUE);
}

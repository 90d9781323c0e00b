function fails() returns int|error {
    return error("nope");
}

public function main() {
    int x = checkpanic fails(); // @panic nope
}

function parse(string s) returns int {
    return check int:fromString(s); // @error
}

public function main() {
}

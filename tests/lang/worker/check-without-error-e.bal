function parse(string s) returns int|error {
    return int:fromString(s);
}

public function main() returns error? {
    worker B {
        int y = check parse("1"); // @error invalid usage of the 'check' expression operator
    }
    wait B;
}

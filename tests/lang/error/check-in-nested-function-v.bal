import ballerina/io;

function parse(string s) returns int|error => check int:fromString(s) * 2;

public function main() {
    io:println(parse("21")); // @output 42
    io:println(parse("x") is error); // @output true
}

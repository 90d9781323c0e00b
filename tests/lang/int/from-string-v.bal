import ballerina/io;

public function main() {
    int|error a = int:fromString("123");
    io:println(a); // @output 123
    int|error b = int:fromString("-45");
    io:println(b); // @output -45
    int|error c = int:fromString("12x");
    io:println(c is error); // @output true
    int|error d = int:fromString("");
    io:println(d is error); // @output true
}

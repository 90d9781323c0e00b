import ballerina/io;

public function main() {
    float|error a = float:fromString("3.5");
    io:println(a); // @output 3.5
    float|error b = float:fromString("abc");
    io:println(b is error); // @output true
    float|error c = float:fromString("1e3");
    io:println(c); // @output 1000.0
}

import ballerina/io;

public function main() {
    int a = 17;
    int b = 5;
    io:println(a + b); // @output 22
    io:println(a - b); // @output 12
    io:println(a * b); // @output 85
    io:println(a / b); // @output 3
    io:println(a % b); // @output 2
    io:println(-a); // @output -17
}

import ballerina/io;

public function main() {
    io:println(0.1 + 0.2); // @output 0.30000000000000004
    io:println(1.0e10); // @output 1.0E10
    io:println(1.0e-5); // @output 1.0E-5
    io:println(123456.789); // @output 123456.789
    io:println(0.001); // @output 0.001
    io:println(1.0 / 3.0); // @output 0.3333333333333333
}

import ballerina/io;

public function main() {
    io:println(1.0e7); // @output 1.0E7
    io:println(9999999.0); // @output 9999999.0
    io:println(0.0001); // @output 1.0E-4
    io:println(123e-2); // @output 1.23
}

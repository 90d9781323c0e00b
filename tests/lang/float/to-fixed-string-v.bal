import ballerina/io;

public function main() {
    io:println((3.14159).toFixedString(2)); // @output 3.14
    io:println((2.26).toFixedString(1)); // @output 2.3
    io:println((10.0).toFixedString(3)); // @output 10.000
}

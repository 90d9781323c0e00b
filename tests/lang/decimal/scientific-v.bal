import ballerina/io;

public function main() {
    decimal nanos = 1d / 1000000000d;
    io:println(nanos); // @output 1E-9
    decimal d = 12345d;
    io:println(d is decimal); // @output true
}

import ballerina/io;

public function main() {
    decimal d = 80.5;
    io:println(d); // @output 80.5
    decimal e = 10;
    io:println(e); // @output 10
    io:println(1.25d); // @output 1.25
}

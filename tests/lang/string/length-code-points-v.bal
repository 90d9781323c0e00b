import ballerina/io;

public function main() {
    io:println("hello".length()); // @output 5
    io:println("café".length()); // @output 4
    io:println("😀x".length()); // @output 2
    io:println("".length()); // @output 0
}

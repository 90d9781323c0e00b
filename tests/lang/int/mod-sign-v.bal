import ballerina/io;

public function main() {
    io:println(10 % 3); // @output 1
    io:println(-10 % 3); // @output -1
    io:println(10 % -3); // @output 1
    io:println(-10 % -3); // @output -1
    io:println(0 % 5); // @output 0
}

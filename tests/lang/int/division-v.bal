import ballerina/io;

public function main() {
    io:println(7 / 2); // @output 3
    io:println(-7 / 2); // @output -3
    io:println(7 % 3); // @output 1
    io:println(-7 % 3); // @output -1
    io:println(7 % -3); // @output 1
}

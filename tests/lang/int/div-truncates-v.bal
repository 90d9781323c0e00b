import ballerina/io;

public function main() {
    io:println(9 / 4); // @output 2
    io:println(-9 / 4); // @output -2
    io:println(9 / -4); // @output -2
    io:println(-9 / -4); // @output 2
    io:println(1 / 2); // @output 0
}

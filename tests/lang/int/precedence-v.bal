import ballerina/io;

public function main() {
    io:println(2 + 3 * 4); // @output 14
    io:println((2 + 3) * 4); // @output 20
    io:println(10 - 4 - 3); // @output 3
    io:println(100 / 10 / 5); // @output 2
    io:println(2 * 3 % 4); // @output 2
    io:println(-2 * -3); // @output 6
}

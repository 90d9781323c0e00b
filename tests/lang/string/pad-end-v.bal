import ballerina/io;

public function main() {
    io:println("ab".padEnd(4) + "|"); // @output ab  |
    io:println("abcdef".padEnd(3) + "|"); // @output abcdef|
}

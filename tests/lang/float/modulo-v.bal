import ballerina/io;

public function main() {
    io:println(5.5 % 2.0); // @output 1.5
    io:println(-5.5 % 2.0); // @output -1.5
}

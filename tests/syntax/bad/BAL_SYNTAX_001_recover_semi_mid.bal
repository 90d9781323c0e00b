import ballerina/io;

public function main() {
    io:println("a")
    io:println("b");
}

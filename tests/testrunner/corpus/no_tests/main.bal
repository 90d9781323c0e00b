import ballerina/io;

public function main() {
    io:println("no tests here");
}

import ballerina/io;

public function main() {
    int count = 5
    io:println(count);
}

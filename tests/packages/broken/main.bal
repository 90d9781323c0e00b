import ballerina/io;

public function main() {
    io:println(total(2));
}

import ballerina/io;

public function main() {
    int total = 1;
    io:println(totl);
}

import ballerina/io;

public function main() {
    int n = 007;
    io:println(n);
}

import ballerina/io;

public function main() {
    int x = 3 ∆ 4;
    io:println(x);
}

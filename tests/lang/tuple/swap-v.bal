import ballerina/io;

public function main() {
    int a = 1;
    int b = 2;
    [a, b] = [b, a];
    io:println(a, " ", b); // @output 2 1
}

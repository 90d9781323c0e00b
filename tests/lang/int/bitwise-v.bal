import ballerina/io;

public function main() {
    int a = 12;
    int b = 10;
    io:println(a & b); // @output 8
    io:println(a | b); // @output 14
    io:println(a ^ b); // @output 6
    io:println(~a); // @output -13
    io:println(1 << 10); // @output 1024
    io:println(1024 >> 3); // @output 128
    io:println(-16 >> 2); // @output -4
    io:println(-1 >>> 60); // @output 15
}

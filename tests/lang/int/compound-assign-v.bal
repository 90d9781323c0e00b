import ballerina/io;

public function main() {
    int x = 10;
    x += 5;
    io:println(x); // @output 15
    x -= 3;
    io:println(x); // @output 12
    x *= 2;
    io:println(x); // @output 24
    x /= 5;
    io:println(x); // @output 4
    x %= 3;
    io:println(x); // @output 1
    x <<= 4;
    io:println(x); // @output 16
    x |= 3;
    io:println(x); // @output 19
}

import ballerina/io;

public function main() {
    int n = 2;
    io:println(string `a${string `b${n}c`}d`); // @output ab2cd
}

import ballerina/io;

public function main() {
    int big = 9007199254740993;
    io:println(big); // @output 9007199254740993
    io:println(big + 1); // @output 9007199254740994
}

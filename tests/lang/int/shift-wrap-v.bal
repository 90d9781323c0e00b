import ballerina/io;

public function main() {
    io:println(1 << 63); // @output -9223372036854775808
    io:println(1 << 64); // @output 1
    io:println(int:MIN_VALUE >> 63); // @output -1
}

import ballerina/io;

public function main() {
    io:println(0); // @output 0
    io:println(42); // @output 42
    io:println(-17); // @output -17
    io:println(0xff); // @output 255
    io:println(0x7FFFFFFFFFFFFFFF); // @output 9223372036854775807
    io:println(-9223372036854775807 - 1); // @output -9223372036854775808
}

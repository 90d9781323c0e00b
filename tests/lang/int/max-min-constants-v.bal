import ballerina/io;

public function main() {
    io:println(int:MAX_VALUE); // @output 9223372036854775807
    io:println(int:MIN_VALUE); // @output -9223372036854775808
}

import ballerina/io;

public function main() {
    int x = 9223372036854775807;
    io:println("before"); // @output before
    int y = x + 1; // @panic {ballerina}NumberOverflow
    io:println(y);
}

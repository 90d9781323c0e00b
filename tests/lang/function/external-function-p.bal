import ballerina/io;

function nativeHash(string s) returns int = external;

public function main() {
    io:println("before"); // @output before
    int h = nativeHash("x"); // @panic external function 'nativeHash' is not available
}

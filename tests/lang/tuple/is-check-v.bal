import ballerina/io;

public function main() {
    any v = <[int, string]>[1, "x"];
    io:println(v is [int, string]); // @output true
    io:println(v is [string, int]); // @output false
}

import ballerina/io;

public function main() {
    int|string v = "x";
    io:println(v is int|string); // @output true
    io:println(v is int|boolean); // @output false
    io:println(v !is int); // @output true
}

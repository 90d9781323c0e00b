import ballerina/io;

isolated function add(int a, int b) returns int {
    return a + b;
}

public function main() {
    io:println(add(2, 3)); // @output 5
}

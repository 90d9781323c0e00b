import ballerina/io;

public function main() {
    io:println("apple".codePointCompare("banana") < 0); // @output true
    io:println("b".codePointCompare("a") > 0); // @output true
    io:println("same".codePointCompare("same")); // @output 0
}

import ballerina/io;

public function main() {
    io:println("abc" < "abd"); // @output true
    io:println("Z" < "a"); // @output true
    io:println("abc" == "abc"); // @output true
    io:println("abc" != "ABC"); // @output true
    io:println("b" >= "b"); // @output true
}

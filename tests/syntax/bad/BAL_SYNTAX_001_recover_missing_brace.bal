import ballerina/io;

public function main() {
    io:println("a");

function g() {
    io:println("b");
}

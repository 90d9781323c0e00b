import ballerina/io;

public function main() {
    int base = 1;
    var add = function(int x) returns int => x + base;
    io:println(add(1)); // @output 2
    base = 100;
    io:println(add(1)); // @output 101
}

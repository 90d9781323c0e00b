import ballerina/io;

public function main() {
    any a = 5;
    io:println(a is int); // @output true
    a = "text";
    io:println(a is string); // @output true
    any f = function() returns int => 1;
    io:println(f is function); // @output true
}

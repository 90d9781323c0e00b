import ballerina/io;

function square(int x) returns int => x * x;

function describe(int n) returns string => n % 2 == 0 ? "even" : "odd";

public function main() {
    io:println(square(9)); // @output 81
    io:println(describe(7)); // @output odd
}

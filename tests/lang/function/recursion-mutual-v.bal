import ballerina/io;

function isEven(int n) returns boolean => n == 0 ? true : isOdd(n - 1);

function isOdd(int n) returns boolean => n == 0 ? false : isEven(n - 1);

public function main() {
    io:println(isEven(10), " ", isOdd(7)); // @output true true
}

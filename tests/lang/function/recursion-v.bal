import ballerina/io;

function fact(int n) returns int {
    return n <= 1 ? 1 : n * fact(n - 1);
}

function fib(int n) returns int {
    if n < 2 {
        return n;
    }
    return fib(n - 1) + fib(n - 2);
}

public function main() {
    io:println(fact(10)); // @output 3628800
    io:println(fib(20)); // @output 6765
}

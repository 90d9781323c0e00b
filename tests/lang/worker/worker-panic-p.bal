// A worker that panics: `wait` on it panics with the same error.
import ballerina/io;

function divide(int a, int b) returns int {
    return a / b; // @panic {ballerina}DivisionByZero
}

public function main() {
    worker A returns int {
        return divide(1, 0);
    }
    io:println("before wait"); // @output before wait
    int r = wait A;
    io:println(r);
}

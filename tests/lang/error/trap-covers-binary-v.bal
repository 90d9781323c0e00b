import ballerina/io;

function explode() returns int {
    panic error("boom");
}

public function main() {
    // `trap` is a low-precedence operator: it traps the whole expression after it
    int|error quotient = trap 1 / 0;
    io:println(quotient is error); // @output true
    int|error sum = trap explode() + 1;
    io:println(sum is error); // @output true
    error? e = trap explode();
    io:println(e is error ? e.message() : "none"); // @output boom
    int|error fine = trap 6 / 2;
    io:println(fine); // @output 3
}

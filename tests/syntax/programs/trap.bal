// construct: trap expression turning panics (explicit checkpanic, division by zero, index out of range) into errors
import ballerina/io;

function divide(int a, int b) returns int {
    return a / b;
}

function strictParse(string s) returns int {
    return checkpanic int:fromString(s);
}

public function main() {
    int|error quotient = trap divide(10, 0);
    int|error parsed = trap strictParse("12x");
    int|error fine = trap divide(10, 2);
    int[] empty = [];
    int|error outOfRange = trap empty[3];
    io:println(quotient is error ? quotient.message() : "ok");
    io:println(parsed is error, " ", fine, " ", outOfRange is error);
}

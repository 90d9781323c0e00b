import ballerina/io;

public function main() {
    int zero = 0;
    io:println("dividing"); // @output dividing
    int r = 10 / zero; // @panic {ballerina}DivisionByZero
    io:println(r);
}

import ballerina/io;

public function main() {
    decimal one = 1;
    decimal three = 3;
    io:println(one / three); // @output 0.3333333333333333333333333333333333
}

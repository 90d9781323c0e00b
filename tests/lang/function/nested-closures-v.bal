import ballerina/io;

function adder(int a) returns function (int) returns function (int) returns int {
    return function(int b) returns function (int) returns int {
        return function(int c) returns int => a + b + c;
    };
}

public function main() {
    io:println(adder(1)(2)(3)); // @output 6
}

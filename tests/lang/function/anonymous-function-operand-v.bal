import ballerina/io;

// An anonymous function expression is an operand like any other: `function ... {...} is T` tests the
// function value it makes against a function type (parameters contravariant, return covariant).
public function main() {
    boolean wider = function(int a) returns int {
        return a;
    } is function (byte) returns int;
    io:println(wider); // @output true
    io:println(function(byte a) returns int {
        return a;
    } is function (int) returns int); // @output false
    io:println(isolated function(int a) returns string {
        return a.toString();
    } !is function (int) returns string|int); // @output false
}

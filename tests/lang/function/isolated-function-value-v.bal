import ballerina/io;

// An `isolated function` type contains only isolated function values (spec, "Function types": the
// `isolated` qualifier); a function value prints as `function ` followed by its type, the qualifier
// included (jBallerina's FunctionType text: `isolated function (int,int) returns (int)`).
isolated function add(int a, int b) returns int => a + b;

function sub(int a, int b) returns int => a - b;

isolated function apply(isolated function (int, int) returns int op, int a, int b) returns int {
    return op(a, b);
}

public function main() {
    isolated function (int, int) returns int f = add;
    io:println(f); // @output function isolated function (int,int) returns (int)
    function (int, int) returns int g = sub;
    io:println(g); // @output function function (int,int) returns (int)
    var h = isolated function(int x) returns int {
        return x * 2;
    };
    io:println(h.toString()); // @output function isolated function (int) returns (int)
    io:println(apply(add, 2, 3)); // @output 5
    any a = f;
    any b = g;
    io:println(a is isolated function); // @output true
    io:println(b is isolated function); // @output false
    io:println(b is function); // @output true
    io:println(a is isolated function (int, int) returns int); // @output true
    io:println(b is isolated function (int, int) returns int); // @output false
    function (int, int) returns int widened = add;
    io:println(widened(5, 1)); // @output 6
}

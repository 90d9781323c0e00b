import ballerina/io;

function add(int a, int b = 10) returns int {
    return a + b;
}

function sum(int first, int... rest) returns int {
    int t = first;
    foreach int r in rest {
        t += r;
    }
    return t;
}

public function main() {
    // function types: parameters contravariant, return type covariant
    function (int) returns int g = x => x + 1;
    io:println(g is function (int) returns int); // @output true
    io:println(g is function (string) returns int); // @output false
    io:println(g is function (int) returns anydata); // @output true
    function (anydata) returns int wide = x => 1;
    function (int) returns int narrow = wide;
    io:println(narrow(5), " ", wide is function (int) returns int); // @output 1 true
    any fv = add;
    io:println(fv is function (int, int) returns int); // @output true
    io:println(fv is function (int, int) returns string); // @output false
    // defaults and rest parameters through function values
    function (int a, int b = 10) returns int op = add;
    io:println(op(1), " ", op(1, 2)); // @output 11 3
    function (int, int...) returns int s = sum;
    io:println(s(1, 2, 3), " ", s(5)); // @output 6 5
}

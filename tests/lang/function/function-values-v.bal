import ballerina/io;

function twice(function (int) returns int f, int x) returns int {
    return f(f(x));
}

function inc(int x) returns int {
    return x + 1;
}

public function main() {
    io:println(twice(inc, 5)); // @output 7
    function (int) returns int sq = function(int x) returns int {
        return x * x;
    };
    io:println(twice(sq, 3)); // @output 81
    io:println(twice(x => x * 10, 1)); // @output 100
}

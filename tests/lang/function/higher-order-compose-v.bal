import ballerina/io;

function compose(function (int) returns int f, function (int) returns int g) returns function (int) returns int {
    return x => g(f(x));
}

public function main() {
    var inc = function(int x) returns int => x + 1;
    var dbl = function(int x) returns int => x * 2;
    io:println(compose(inc, dbl)(5)); // @output 12
    io:println(compose(dbl, inc)(5)); // @output 11
}

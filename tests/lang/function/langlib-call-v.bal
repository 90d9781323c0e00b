import ballerina/io;

// `function:call(f, ...args)` (lang.function) calls a function value with its arguments as a list:
// defaults fill what is left out, a rest parameter takes the others; a wrong count or type panics
// (jBallerina's wording, as its langlib tests expect it).
function total(int a, int b, int c = 15) returns int => a + b + c;

function first(int... xs) returns int => xs[0];

function nothing() returns int => 10;

public function main() {
    io:println(function:call(total, 10, 10, 10)); // @output 30
    io:println(function:call(total, 10, 10)); // @output 35
    io:println(function:call(first, 7, 8, 9)); // @output 7
    function (int, int) returns string concat = function(int a, int b) returns string => a.toString() + b.toString();
    io:println(function:call(concat, 1, 2)); // @output 12
    any|error r = trap function:call(total, 10);
    io:println((<error>r).message()); // @output Incorrect parameter count in 'total' : Required '2', found '1'
    r = trap function:call(nothing, 1);
    io:println((<error>r).message()); // @output Incorrect parameter count in 'nothing' : Allowed '0', found '1'
    r = trap function:call(total, 10, "10");
    error e = <error>r;
    io:println(e.message()); // @output {ballerina/lang.function}IncompatibleArguments
    io:println(e.detail()["message"]); // @output arguments of incompatible types: argument list '(int,string)' cannot be passed to function expecting parameter list '(int,int,int)'
}

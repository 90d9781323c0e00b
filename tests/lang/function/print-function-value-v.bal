// A function value prints as jBallerina's runtime writes it: "function " and then its function type,
// parameter types separated by "," without spaces, a rest parameter as `T...` after a comma, and
// the return type always in parentheses (`(())` for none).
import ballerina/io;

int calls = 0; // the functions below use it, so none is isolated (which would show in their type)

function add(int a, int b) returns int {
    calls += 1;
    return a + b;
}

function greet(string s, int... rest) {
    calls += 1;
}

function onlyRest(string... parts) returns boolean {
    calls += 1;
    return parts.length() > 0;
}

public function main() {
    function (int, int) returns (int) f = add;
    io:println(f); // @output function function (int,int) returns (int)
    any g = greet;
    io:println(g); // @output function function (string,int...) returns (())
    io:println(onlyRest); // @output function function (,string...) returns (boolean)
    io:println([f]); // @output [function function (int,int) returns (int)]
}

// construct: anonymous functions — explicit with block body, explicit with expression body, inferred (x => expr, (x, y) => expr), closures
import ballerina/io;

public function main() {
    function (int, int) returns int add = function (int x, int y) returns int {
        return x + y;
    };
    function (int) returns int triple = function (int x) returns int => x * 3;
    function (string) returns string shout = s => s.toUpperAscii() + "!";
    function (int, int) returns boolean bigger = (x, y) => x > y;
    int offset = 10;
    var shift = function (int x) returns int => x + offset;
    int[] sizes = [120, 4000, 75, 900];
    int[] large = sizes.filter(n => n > 500);
    int[] doubled = sizes.map(function (int n) returns int => n * 2);
    int sum = sizes.reduce(function (int acc, int n) returns int => acc + n, 0);
    io:println(add(2, 3), " ", triple(4), " ", shout("hi"), " ", bigger(3, 1), " ", shift(5));
    io:println(large, " ", doubled, " ", sum);
}

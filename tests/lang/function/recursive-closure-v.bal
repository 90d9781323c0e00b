import ballerina/io;

public function main() {
    function (int) returns int fact = function(int n) returns int => n;
    fact = function(int n) returns int {
        return n <= 1 ? 1 : n * fact(n - 1);
    };
    io:println(fact(5)); // @output 120
}

import ballerina/io;

// A module-level class, enum, service declaration or function whose body is a block may end with an
// optional `;` (ballerina-spec#1149, in jBallerina since 2201.3).
class Counter {
    int n = 1;
};

enum Color {
    RED,
    GREEN
};

function twice(int x) returns int {
    return x * 2;
};

public function main() {
    Counter c = new;
    io:println(c.n, " ", twice(2), " ", GREEN); // @output 1 4 GREEN
};

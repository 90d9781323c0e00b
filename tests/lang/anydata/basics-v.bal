import ballerina/io;

public function main() {
    anydata[] xs = [1, "two", 3.0, true, (), [4], {five: 5}];
    foreach anydata x in xs {
        io:print(x is int ? "i" : x is string ? "s" : x is float ? "f" : x is boolean ? "b" : x is () ? "n" : "o");
    }
    io:println(); // @output isfbnoo
}

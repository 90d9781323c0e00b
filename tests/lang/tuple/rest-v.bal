import ballerina/io;

public function main() {
    [int, string...] t = [1, "a", "b"];
    io:println(t.length()); // @output 3
    var [first, ...others] = t;
    io:println(first, " ", others); // @output 1 ["a","b"]
}

import ballerina/io;

public function main() {
    string[] xs = ["a", "b \"q\""];
    io:println(xs); // @output ["a","b \"q\""]
    io:println(xs.toString()); // @output ["a","b \"q\""]
}

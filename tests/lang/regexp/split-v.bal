import ballerina/io;

public function main() {
    string[] parts = re `,\s*`.split("a, b,c,   d");
    io:println(parts); // @output ["a","b","c","d"]
    io:println(re `-`.split("no-dash-here").length()); // @output 3
}

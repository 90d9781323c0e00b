import ballerina/io;

public function main() {
    string[] xs = ["a", "b", "a"];
    io:println(xs.indexOf("a")); // @output 0
    io:println(xs.lastIndexOf("a")); // @output 2
    io:println(xs.indexOf("z") is ()); // @output true
    int[][] nested = [[1], [2]];
    io:println(nested.indexOf([2])); // @output 1
}

import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3];
    io:println(xs); // @output [1,2,3]
    string[] empty = [];
    io:println(empty); // @output []
    io:println([[1, 2], [3]]); // @output [[1,2],[3]]
}

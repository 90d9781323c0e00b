import ballerina/io;

public function main() {
    int[] xs = [0, 1, 2, 3, 4];
    io:println(xs.slice(1, 3)); // @output [1,2]
    io:println(xs.slice(3)); // @output [3,4]
    io:println(xs.slice(0, 0)); // @output []
}

import ballerina/io;

public function main() {
    int[3] xs = [1, 2, 3];
    io:println(xs.length()); // @output 3
    io:println(xs); // @output [1,2,3]
}

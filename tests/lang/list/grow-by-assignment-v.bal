import ballerina/io;

public function main() {
    int[] xs = [];
    xs[0] = 5;
    xs[1] = 6;
    io:println(xs); // @output [5,6]
    xs[3] = 9;
    io:println(xs); // @output [5,6,0,9]
}

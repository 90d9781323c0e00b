import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3];
    int[] r = xs.reverse();
    io:println(r); // @output [3,2,1]
    io:println(xs); // @output [1,2,3]
}

import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3, 4];
    xs.setLength(2);
    io:println(xs); // @output [1,2]
    xs.setLength(4);
    io:println(xs); // @output [1,2,0,0]
}

import ballerina/io;

public function main() {
    // each filler value is a new list: the rows do not alias each other
    int[][] rows = [];
    rows[2] = [9];
    rows[0].push(1);
    io:println(rows); // @output [[1],[],[9]]
    [int, string...] t = [1];
    t[3] = "x";
    io:println(t); // @output [1,"","","x"]
    int[] xs = [1];
    xs.setLength(3);
    io:println(xs); // @output [1,0,0]
}

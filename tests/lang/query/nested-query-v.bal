import ballerina/io;

public function main() {
    int[][] rows = [[1, 2], [3, 4]];
    int[] sums = from int[] row in rows select (from int x in row collect sum(x));
    io:println(sums); // @output [3,7]
}

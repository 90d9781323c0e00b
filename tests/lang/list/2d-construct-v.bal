import ballerina/io;

public function main() {
    int[][] grid = [];
    foreach int r in 0 ..< 2 {
        int[] row = [];
        foreach int c in 0 ..< 3 {
            row.push(r * 3 + c);
        }
        grid.push(row);
    }
    io:println(grid); // @output [[0,1,2],[3,4,5]]
}

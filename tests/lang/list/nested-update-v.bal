import ballerina/io;

public function main() {
    int[][] grid = [[0, 0], [0, 0]];
    grid[1][0] = 5;
    io:println(grid); // @output [[0,0],[5,0]]
}

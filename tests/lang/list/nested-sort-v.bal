import ballerina/io;

public function main() {
    int[][] rows = [[3, 1], [1, 2], [2, 0]];
    int[][] sorted = rows.sort(key = r => r[0]);
    io:println(sorted); // @output [[1,2],[2,0],[3,1]]
}

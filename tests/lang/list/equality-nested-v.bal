import ballerina/io;

public function main() {
    int[][] a = [[1], [2, 3]];
    int[][] b = [[1], [2, 3]];
    io:println(a == b, " ", a != b); // @output true false
}

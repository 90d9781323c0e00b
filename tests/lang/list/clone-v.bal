import ballerina/io;

public function main() {
    int[][] a = [[1], [2]];
    int[][] b = a.clone();
    b[0].push(9);
    io:println(a); // @output [[1],[2]]
    io:println(b); // @output [[1,9],[2]]
}

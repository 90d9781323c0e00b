import ballerina/io;

public function main() {
    [string, int, boolean] t = ["a", 1, true];
    var [s, n, b] = t;
    io:println(s, n, b); // @output a1true
    string x;
    int y;
    [x, y] = ["z", 2];
    io:println(x, y); // @output z2
}

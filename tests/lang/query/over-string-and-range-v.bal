import ballerina/io;

public function main() {
    string[] chars = from string c in "abc" select c.toUpperAscii();
    io:println(chars); // @output ["A","B","C"]
    int[] squares = from int i in 1 ... 4 select i * i;
    io:println(squares); // @output [1,4,9,16]
}

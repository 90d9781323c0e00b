import ballerina/io;

public function main() {
    int[3][2] g = [];
    g[1][1] = 5;
    io:println(g[1]); // @output [0,5]
    // the inner arrays are int[2]: index 2 is past their end (a constant 2 is refused at compile time)
    int i = 2;
    g[0][i] = 1; // @panic {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 2, size: 2"}
}

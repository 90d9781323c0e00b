import ballerina/io;

public function main() {
    int[] a = [1, 2];
    int[] b = [0, ...a, 3];
    io:println(b); // @output [0,1,2,3]
}

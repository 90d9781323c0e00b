import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3, 4];
    int[] doubled = from int x in xs select x * 2;
    io:println(doubled); // @output [2,4,6,8]
}

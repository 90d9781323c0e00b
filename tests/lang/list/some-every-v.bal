import ballerina/io;

public function main() {
    int[] xs = [2, 4, 7];
    io:println(xs.some(x => x > 5)); // @output true
    io:println(xs.every(x => x % 2 == 0)); // @output false
    int[] empty = [];
    io:println(empty.every(x => x > 100)); // @output true
}

import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3, 4];
    int[] kept = xs.filter(x => x % 2 == 1);
    io:println(kept, " ", xs); // @output [1,3] [1,2,3,4]
}

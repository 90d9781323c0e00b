import ballerina/io;
import ballerina/lang.array;

public function main() {
    int[] xs = [4, 5, 6];
    io:println(array:length(xs)); // @output 3
    io:println(array:reverse(xs)); // @output [6,5,4]
}

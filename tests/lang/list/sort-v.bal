import ballerina/io;
import ballerina/lang.array;

public function main() {
    int[] xs = [5, 3, 9, 1];
    io:println(xs.sort()); // @output [1,3,5,9]
    io:println(xs.sort(array:DESCENDING)); // @output [9,5,3,1]
    io:println(xs); // @output [5,3,9,1]
    string[] words = ["pear", "Apple", "fig"];
    io:println(words.sort()); // @output ["Apple","fig","pear"]
}

import ballerina/io;

public function main() {
    int[] xs = [1, 2];
    xs.push(3);
    xs.push(4, 5);
    io:println(xs.length()); // @output 5
    int last = xs.pop();
    io:println(last); // @output 5
    io:println(xs); // @output [1,2,3,4]
}

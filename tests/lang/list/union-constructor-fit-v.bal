import ballerina/io;

// A list constructor whose contextual type is a union of list types builds a value of the member
// type it belongs to: three members do not fit `int[2]`, so the value is an `int[]` and can grow.
public function main() {
    int[2]|int[] xs = [1, 7, 3];
    xs.push(99);
    io:println(xs); // @output [1,7,3,99]
    io:println(xs is int[2]); // @output false
    int[2]|int[] ys = [4, 5];
    io:println(ys.length()); // @output 2
}

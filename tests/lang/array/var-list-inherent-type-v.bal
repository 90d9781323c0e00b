import ballerina/io;

public function main() {
    // without a contextual type a list constructor's inherent type is an array of its members' types
    var xs = [1, 2];
    io:println(typeof xs); // @output typedesc int[]
    var mixed = [1, "a"];
    io:println(typeof mixed); // @output typedesc (int|string)[]
    int[] ys = [1, 2];
    io:println(typeof ys); // @output typedesc int[]
}

import ballerina/io;

function tryPush(int[] xs, int v) returns error? {
    xs.push(v);
}

public function main() {
    int[] xs = [];
    foreach int i in 0 ..< 6 {
        xs.push(i * i);
    }
    int[] head = xs.slice(0, 3);
    int[] tail = xs.slice(3);
    head.push(100);
    io:println(head, " ", tail, " ", xs); // @output [0,1,4,100] [9,16,25] [0,1,4,9,16,25]
    io:println(xs.slice(6), xs.slice(2, 2)); // @output [][]
    int[]|error e = trap xs.slice(4, 2);
    io:println(e is error ? e.message() : "ok"); // @output {ballerina/lang.array}IndexOutOfRange
    int[]|error f = trap xs.slice(0, 7);
    io:println(f is error ? f.message() : "ok"); // @output {ballerina/lang.array}IndexOutOfRange
    int[3] fixed = [1, 2, 3];
    int[] part = fixed.slice(1);
    part.push(4);
    io:println(part); // @output [2,3,4]
    // a list of a narrower inherent type behind an int[] variable still refuses what it cannot hold
    byte[] bytes = [];
    int[] wide = bytes;
    wide.push(7);
    error? g = trap tryPush(wide, 300);
    io:println(g is error ? g.message() : "ok", " ", bytes); // @output {ballerina/lang.array}InherentTypeViolation [7]
}

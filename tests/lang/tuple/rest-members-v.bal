import ballerina/io;

public function main() {
    [int, string...] t = [1, "a", "b"];
    io:println(t.length(), " ", t[2]); // @output 3 b
    t.push("c");
    io:println(t); // @output [1,"a","b","c"]
    [int, float...] nums = [1];
    nums.push(2.5);
    io:println(nums, " ", nums is [int, float...]); // @output [1,2.5] true
    [string, int...] counts = ["x"];
    // filler for the rest member when assigning past the end
    counts[3] = 9;
    io:println(counts); // @output ["x",0,0,9]
    [int, string...] u = [2];
    any[] view = u;
    error? e = trap setIt(view);
    io:println(e is error ? e.message() : "stored"); // @output {ballerina/lang.array}InherentTypeViolation
}

function setIt(any[] xs) {
    xs[1] = 5;
}

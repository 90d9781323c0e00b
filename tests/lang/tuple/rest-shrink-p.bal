// A tuple with a rest member keeps its required members: `pop` that would drop one panics with
// `{ballerina/lang.array}InherentTypeViolation` (lang.array `pop`: the result must still belong to the
// list's inherent type). Removing a rest member is fine.
import ballerina/io;

public function main() {
    [int, string...] t = [1, "x", "y"];
    string last = t.pop();
    io:println(last, " ", t); // @output y [1,"x"]
    _ = t.pop();
    io:println(t); // @output [1]
    _ = t.pop(); // @panic InherentTypeViolation
    io:println("not reached");
}

// `shift` on a tuple with a rest member moves every later member one place down: the member that lands
// in a required place must belong to that place's type, or the call panics with
// `{ballerina/lang.array}InherentTypeViolation`.
import ballerina/io;

public function main() {
    [int, int...] same = [1, 2, 3];
    int first = same.shift();
    io:println(first, " ", same); // @output 1 [2,3]
    [int, string...] mixed = [1, "a"];
    var e = trap mixed.shift();
    io:println(e is error); // @output true
    io:println(mixed); // @output [1,"a"]
    [string, int...] labelled = ["count", 2];
    _ = labelled.shift(); // @panic InherentTypeViolation
}

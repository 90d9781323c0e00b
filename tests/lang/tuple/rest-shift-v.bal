import ballerina/io;

public function main() {
    [int, string...] t = [1, "a", "b"];
    var x = t.pop();
    io:println(x, " ", t); // @output b [1,"a"]
    [int, int...] u = [5, 6];
    io:println(u.shift(), " ", u); // @output 5 [6]
    int|error r = trap u.pop();
    io:println(r is error ? r.message() : "popped"); // @output {ballerina/lang.array}InherentTypeViolation
}

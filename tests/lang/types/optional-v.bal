import ballerina/io;

public function main() {
    string? s = ();
    io:println(s is ()); // @output true
    s = "x";
    io:println(s is string); // @output true
    int?[] xs = [1, ()];
    io:println(xs[1] is ()); // @output true
}

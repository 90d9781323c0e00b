import ballerina/io;

public function main() {
    io:println("x".toBalString()); // @output "x"
    io:println((5).toBalString()); // @output 5
    anydata nothing = ();
    io:println(nothing.toBalString()); // @output ()
    io:println((1.5d).toBalString()); // @output 1.5d
}

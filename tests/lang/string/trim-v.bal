import ballerina/io;

public function main() {
    string s = "  padded\t\n";
    io:println("[" + s.trim() + "]"); // @output [padded]
    io:println("[" + "no-space".trim() + "]"); // @output [no-space]
}

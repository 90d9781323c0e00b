import ballerina/io;

public function main() {
    io:println("AB".toCodePointInts()); // @output [65,66]
    io:println("A".getCodePoint(0)); // @output 65
    string|error s = string:fromCodePointInts([104, 105]);
    io:println(s); // @output hi
}

import ballerina/io;

// A function accepting more (an int where a byte is passed) and returning less (a byte where an int is
// expected) is a subtype of the declared function type.
type ByteToInt function (byte b) returns int;

function half(int n) returns byte {
    return <byte>(n / 2);
}

public function main() {
    ByteToInt f = half;
    io:println(f(200)); // @output 100
}

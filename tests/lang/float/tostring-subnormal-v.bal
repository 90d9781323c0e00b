import ballerina/io;

// A float prints with at least two significant digits; when the shortest round-tripping form has a
// single digit only because the value's neighbours are far apart (subnormals), the two-digit decimal
// nearest the exact value is written.
public function main() {
    float tiny = 4.9E-324;
    io:println(tiny); // @output 4.9E-324
    io:println(tiny * 2.0); // @output 9.9E-324
    io:println(1.0E23); // @output 1.0E23
    io:println(5.0E-310); // @output 5.0E-310
    io:println(0.5); // @output 0.5
}

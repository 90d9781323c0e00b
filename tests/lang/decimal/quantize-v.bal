import ballerina/io;

// decimal:quantize gives x the exponent of y (ties to even); digits that would not fit in
// decimal128's 34 are not kept.
public function main() {
    io:println(decimal:quantize(123.123, 2.00)); // @output 123.12
    io:println(decimal:quantize(123.125, 0.01)); // @output 123.12
    io:println(decimal:quantize(123, 10E1)); // @output 1.2E+2
    io:println(decimal:quantize(255E2, 10E3)); // @output 2.6E+4
    io:println(decimal:quantize(1.123, 2.00000000000000000000000000000000000000000000000000000)); // @output 1.123000000000000000000000000000000
}

import ballerina/io;

// float:toHexString writes a hexadecimal floating-point literal with the shortest fraction and an
// unsigned decimal exponent; fromHexString reads one back. The remaining lang.float math functions
// follow IEEE 754 (NaN outside a function's domain).
public function main() returns error? {
    io:println((1.0).toHexString(), " ", (3.0).toHexString(), " ", (0.0).toHexString()); // @output 0x1.0p0 0x1.8p1 0x0.0p0
    io:println((-0.5).toHexString(), " ", (1.0 / 0.0).toHexString()); // @output -0x1.0p-1 Infinity
    io:println(check float:fromHexString("0x1.8p1"), " ", check float:fromHexString("-0x10p0")); // @output 3.0 -16.0
    io:println(float:fromHexString("1.5") is error); // @output true
    io:println(float:cbrt(27.0), " ", float:cbrt(-8.0)); // @output 3.0 -2.0
    io:println(float:asin(2.0).isNaN(), " ", float:acos(1.0)); // @output true 0.0
    io:println(float:atan2(0.0, -1.0) == float:PI); // @output true
    io:println(float:tanh(0.0), " ", float:sinh(0.0), " ", float:cosh(0.0)); // @output 0.0 0.0 1.0
}

import ballerina/io;

public function main() {
    // decimal is IEEE 754 decimal128: 34 significant digits, rounding ties to even
    io:println(1d / 3d); // @output 0.3333333333333333333333333333333333
    io:println(2d / 3d); // @output 0.6666666666666666666666666666666667
    io:println(123456789012345678901234567890123456789d); // @output 1.234567890123456789012345678901235E+38
    io:println(12345678901234567890.12345678901234567890d); // @output 12345678901234567890.12345678901235
    io:println(1.000000000000000000000000000000000E+6144d); // @output 1.000000000000000000000000000000000E+6144
    io:println(9.999999999999999999999999999999999E6144d); // @output 9.999999999999999999999999999999999E+6144
    io:println(1E-6143d); // @output 1E-6143
    io:println(1.10d * 2d, " ", 100.00d, " ", 1.5E10d); // @output 2.20 100.00 1.5E+10
    // no negative zero
    io:println(-0.0d); // @output 0
    decimal tiny = 1E-6143d;
    io:println(tiny / 10d); // @output 0
}

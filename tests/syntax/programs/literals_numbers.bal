// construct: numeric literals — decimal and hex ints, floats with exponents, hex floats, f/F and d/D suffixes, byte
import ballerina/io;

public function main() {
    int zero = 0;
    int plain = 1234567;
    int hexLower = 0xff;
    int hexUpper = 0XCAFE;
    int negative = -42;
    float pi = 3.14159;
    float tiny = 1.5e-3;
    float big = 6.02E23;
    float leadingDot = .5;
    float wholeWithSuffix = 10f;
    float suffixed = 2.5F;
    float hexFloat = 0x1.8p1;
    float hexExp = 0xAp-1;
    decimal money = 19.99d;
    decimal exact = 100D;
    decimal plainDecimal = 0.1;
    decimal scientific = 1.0e2d;
    byte octet = 0xFF;
    io:println(zero, " ", plain, " ", hexLower, " ", hexUpper, " ", negative);
    io:println(pi, " ", tiny, " ", big, " ", leadingDot, " ", wholeWithSuffix, " ", suffixed, " ", hexFloat, " ", hexExp);
    io:println(money, " ", exact, " ", plainDecimal, " ", scientific, " ", octet);
}

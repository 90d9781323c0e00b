// Compound assignments whose operator is defined for the operand types and whose result fits the
// variable (spec: "Compound assignment statement"; mixed multiplicative operators since 2201.1).
import ballerina/io;

public function main() {
    int i = 3;
    float f = 2.5;
    f *= i;
    io:println(f); // @output 7.5
    f += 1;
    io:println(f); // @output 8.5
    decimal d = 1.5;
    d *= i;
    io:println(d); // @output 4.5
    int? n = 3;
    if n is int {
        n += 1;
    }
    io:println(n); // @output 4
    string s = "a";
    s += "b";
    io:println(s); // @output ab
    i <<= 2;
    io:println(i); // @output 12
}

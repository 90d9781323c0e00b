// construct: type cast expressions <T>expr, typeof, is and !is type tests, numeric conversion by cast
import ballerina/io;

public function main() {
    any value = 42;
    int n = <int>value;
    float f = <float>n;
    decimal d = <decimal>f;
    float raw = 2.7;
    int rounded = <int>raw;
    anydata data = "text";
    string s = <string>data;
    typedesc<anydata> t = typeof data;
    boolean isInt = value is int;
    boolean notString = value !is string;
    int|string|() mixed = "x";
    if mixed is string|int {
        io:println("non-nil ", mixed);
    }
    io:println(n, " ", f, " ", d, " ", rounded, " ", s, " ", t, " ", isInt, " ", notString);
}

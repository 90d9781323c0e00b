import ballerina/io;

public function main() {
    // == compares decimal values numerically; === also compares their precision
    io:println(1.0d == 1.00d, " ", 1.0d === 1.00d, " ", 1.0d === 1.0d); // @output true false true
    decimal[] a = [1.0d, 2.50d];
    decimal[] b = [1.00d, 2.5d];
    io:println(a == b); // @output true
    map<decimal> m = {x: 0.10d};
    map<decimal> n = {x: 0.1d};
    io:println(m == n); // @output true
    io:println(a); // @output [1.0,2.50]
}

import ballerina/io;

// x / 0 would be +-Infinity, 0 / 0 and x % 0 would be NaN, and a float NaN or infinity
// has no decimal counterpart: each is a panic that trap turns into an error value.
public function main() {
    decimal zero = 0.0;
    decimal|error r = trap (12d / zero);
    io:println(r is error ? r.message() : "no error"); // @output {ballerina}UnsupportedDecimalError
    io:println(r is error ? r.detail()["message"] : ()); // @output decimal operation resulting in unsupported decimal value 'Infinity'
    r = trap (-1.5d / zero);
    io:println(r is error ? r.detail()["message"] : ()); // @output decimal operation resulting in unsupported decimal value '-Infinity'
    r = trap (zero / 0d);
    io:println(r is error ? r.detail()["message"] : ()); // @output decimal operation resulting in unsupported decimal value 'NaN'
    r = trap (7d % zero);
    io:println(r is error ? r.detail()["message"] : ()); // @output decimal operation resulting in unsupported decimal value 'NaN'
    float inf = 1.0 / 0.0;
    r = trap <decimal>inf;
    io:println(r is error ? r.detail()["message"] : ()); // @output decimal operation resulting in unsupported decimal value 'Infinity'
    float nan = 0.0 / 0.0;
    r = trap <decimal>nan;
    io:println(r is error ? r.detail()["message"] : ()); // @output decimal operation resulting in unsupported decimal value 'NaN'
    int|error i = trap (7 / <int>zero);
    io:println(i is error ? i.message() : "no error"); // @output {ballerina}DivisionByZero
}

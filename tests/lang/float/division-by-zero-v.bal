import ballerina/io;

public function main() {
    float zero = 0.0;
    io:println(1.0 / zero); // @output Infinity
    io:println(-1.0 / zero); // @output -Infinity
    float nan = zero / zero;
    io:println(nan); // @output NaN
    io:println(nan.isNaN()); // @output true
}

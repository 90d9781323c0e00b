import ballerina/io;

// float:fromBitsInt takes an int, and float:round, toFixedString and toExpString take their fraction
// digits as an int: called through the module prefix, those int literals stay ints (the other
// numeric literal arguments of lang.float functions are floats).
public function main() {
    io:println(float:fromBitsInt(4611686018427387904)); // @output 2.0
    io:println(float:fromBitsInt(0)); // @output 0.0
    io:println(float:round(2.567, 2)); // @output 2.57
    io:println(float:toFixedString(2.567, 1)); // @output 2.6
    io:println(float:toExpString(1234.5, 2)); // @output 1.23e+03
    io:println(decimal:round(2.567, 1)); // @output 2.6
    io:println(float:sum(1, 2)); // @output 3.0
}

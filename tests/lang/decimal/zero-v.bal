import ballerina/io;

// A decimal zero prints as `0` whatever exponent the arithmetic left it with: Ballerina keeps zero as
// a value kind of its own (toString "0", toBalString "0d").
public function main() {
    decimal a = 1E-6143d;
    decimal b = -1E-6143d;
    io:println(a + b); // @output 0
    io:println(25E1742d * 0.0d); // @output 0
    io:println(0.000d); // @output 0
    io:println(1.50d - 1.50d); // @output 0
    decimal[] ds = [0.0d, 1.0d];
    io:println(ds); // @output [0,1.0]
    io:println(ds.toBalString()); // @output [0d,1.0d]
    io:println((0.00d).toString()); // @output 0
    io:println(0.0d == 0d); // @output true
    // a product is rounded to 34 digits first; below 1E-6143 it is then 0 (there are no subnormals)
    decimal small = 9.999999999999999999999999999999999E-6001d;
    io:println(small * 1E-143d); // @output 0
    io:println(small * 2E-143d); // @output 2.000000000000000000000000000000000E-6143
}

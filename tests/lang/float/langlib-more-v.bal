import ballerina/io;

// lang.float / lang.decimal / lang.boolean members as the library documents them.
public function main() {
    io:println((-1.2).ceiling()); // @output -1.0
    io:println(float:ceiling(2.1)); // @output 3.0
    io:println((-1.2d).ceiling()); // @output -1
    io:println(float:avg(2.0, 4.0, 9.0)); // @output 5.0
    io:println(float:avg().isNaN()); // @output true
    io:println((12.456).toFixedString(())); // @output 12.456
    io:println((12.456).toExpString(2)); // @output 1.25e+01
    io:println((0.00012).toExpString(1)); // @output 1.2e-04
    io:println((12.456).toExpString(())); // @output 1.2456e+01
    io:println(boolean:fromString("1")); // @output true
    io:println(boolean:fromString("0")); // @output false
    io:println(boolean:fromString("FaLsE")); // @output false
    io:println(boolean:fromString(" true") is error); // @output true
}

import ballerina/io;

public function main() {
    decimal d = 2.345;
    io:println(d.round(2)); // @output 2.34
    io:println(decimal:round(2.6)); // @output 3
    io:println(decimal:abs(-4.5)); // @output 4.5
}

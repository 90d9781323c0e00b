import ballerina/io;

public function main() {
    io:println(float:round(2.4)); // @output 2.0
    io:println(float:round(2.6)); // @output 3.0
    io:println(float:round(-2.6)); // @output -3.0
    io:println((3.14159).round(2)); // @output 3.14
}

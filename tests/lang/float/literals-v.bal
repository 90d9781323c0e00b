import ballerina/io;

public function main() {
    io:println(1.0); // @output 1.0
    io:println(2.5); // @output 2.5
    io:println(-0.25); // @output -0.25
    io:println(100.0); // @output 100.0
    io:println(1.5e3); // @output 1500.0
    io:println(3f); // @output 3.0
}

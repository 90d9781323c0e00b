import ballerina/io;

public function main() {
    io:println(float:abs(-2.5)); // @output 2.5
    io:println(float:floor(2.7)); // @output 2.0
    io:println(float:ceiling(2.1)); // @output 3.0
    io:println(float:sqrt(16.0)); // @output 4.0
    io:println(float:pow(2.0, 10.0)); // @output 1024.0
    io:println(float:max(1.5, 9.25, 3.0)); // @output 9.25
    io:println(float:min(1.5, 9.25, 3.0)); // @output 1.5
}

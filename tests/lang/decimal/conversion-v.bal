import ballerina/io;

public function main() {
    decimal d = 2.75;
    float f = <float>d;
    io:println(f); // @output 2.75
    int i = <int>d;
    io:println(i); // @output 3
    decimal e = <decimal>5;
    io:println(e); // @output 5
}

import ballerina/io;

public function main() {
    int i = 10;
    float f = <float>i;
    decimal d = <decimal>i;
    io:println(f, " ", d); // @output 10.0 10
    float g = 3.999;
    io:println(<int>g); // @output 4
    any a = 5;
    int back = <int>a;
    io:println(back + 1); // @output 6
}

import ballerina/io;

public function main() {
    float f = 5;
    io:println(f); // @output 5.0
    float[] xs = [1, 2.5, 3];
    io:println(xs); // @output [1.0,2.5,3.0]
    float g = f / 2;
    io:println(g); // @output 2.5
}

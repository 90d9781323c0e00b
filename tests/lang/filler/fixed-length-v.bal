import ballerina/io;

public function main() {
    // a list constructor shorter than a fixed-length array type is completed with filler values
    int[5] zeros = [];
    io:println(zeros); // @output [0,0,0,0,0]
    string[3] names = ["a"];
    io:println(names); // @output ["a","",""]
    float[2] fs = [1.5];
    io:println(fs.length(), " ", fs); // @output 2 [1.5,0.0]
}

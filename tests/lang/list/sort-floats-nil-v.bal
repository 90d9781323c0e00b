import ballerina/io;
import ballerina/lang.array;

public function main() {
    float[] fs = [2.5, -1.0, 0.5];
    io:println(fs.sort()); // @output [-1.0,0.5,2.5]
    int?[] xs = [3, (), 1];
    io:println(xs.sort()); // @output [1,3,null]
    io:println(xs.sort(array:DESCENDING)); // @output [3,1,null]
}

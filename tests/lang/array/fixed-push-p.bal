import ballerina/io;

public function main() {
    int[2] pair = [1, 2];
    int[] view = pair; // the value keeps its inherent type int[2]
    io:println(view.length()); // @output 2
    view.push(3); // @panic {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 2, size: 2"}
}

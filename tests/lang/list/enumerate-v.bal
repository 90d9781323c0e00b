import ballerina/io;

public function main() {
    string[] xs = ["x", "y"];
    foreach [int, string] [i, v] in xs.enumerate() {
        io:println(i, ":", v); // @output 0:x
    }
    // @output 1:y
}

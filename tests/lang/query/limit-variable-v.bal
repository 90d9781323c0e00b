import ballerina/io;

public function main() {
    int n = 2;
    string[] firstTwo = from string s in ["x", "y", "z"] limit n select s;
    io:println(firstTwo); // @output ["x","y"]
}

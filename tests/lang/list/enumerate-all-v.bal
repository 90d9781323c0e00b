import ballerina/io;

public function main() {
    string[] xs = ["x", "y"];
    io:println(xs.enumerate()); // @output [[0,"x"],[1,"y"]]
}

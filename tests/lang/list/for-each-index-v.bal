import ballerina/io;

public function main() {
    string[] xs = ["x", "y", "z"];
    foreach int i in 0 ..< xs.length() {
        io:print(i, xs[i]);
    }
    io:println(); // @output 0x1y2z
}

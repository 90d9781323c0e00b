import ballerina/io;

public function main() {
    string[] xs = ["a", "b"];
    stream<string> s = xs.toStream();
    string out = "";
    foreach string x in s {
        out += x;
    }
    io:println(out); // @output ab
}

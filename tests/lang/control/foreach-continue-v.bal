import ballerina/io;

public function main() {
    string[] words = ["keep", "skip", "also"];
    string out = "";
    foreach string w in words {
        if w == "skip" {
            continue;
        }
        out += w + ";";
    }
    io:println(out); // @output keep;also;
}

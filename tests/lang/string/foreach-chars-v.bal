import ballerina/io;

public function main() {
    string out = "";
    foreach string c in "abc" {
        out = c + out;
    }
    io:println(out); // @output cba
}

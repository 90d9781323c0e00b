import ballerina/io;

function log(string s) {
    io:println("log: " + s);
}

function early(int x) {
    if x > 0 {
        io:println("positive");
        return;
    }
    io:println("non-positive");
}

public function main() {
    log("a"); // @output log: a
    early(1); // @output positive
    early(0); // @output non-positive
}

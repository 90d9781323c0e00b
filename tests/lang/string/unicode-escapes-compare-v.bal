import ballerina/io;

public function main() {
    string a = "\u{E9}";
    string b = "é";
    io:println(a == b); // @output true
    io:println(a.length()); // @output 1
}

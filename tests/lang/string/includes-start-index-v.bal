import ballerina/io;

public function main() {
    string s = "abcabc";
    io:println(s.includes("a", 1)); // @output true
    io:println(s.includes("abc", 4)); // @output false
    io:println(s.indexOf("b", 2)); // @output 4
}

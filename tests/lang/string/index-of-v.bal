import ballerina/io;

public function main() {
    string s = "ann@example.com";
    io:println(s.indexOf("@")); // @output 3
    io:println(s.indexOf("x")); // @output 5
    io:println(s.indexOf("zzz") is ()); // @output true
    io:println(s.indexOf("a", 1)); // @output 6
    io:println(s.lastIndexOf(".")); // @output 11
}

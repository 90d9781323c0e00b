import ballerina/io;

public function main() {
    string s = "abc";
    foreach int i in 0 ..< s.length() {
        io:print(s[s.length() - 1 - i]);
    }
    io:println(); // @output cba
}

import ballerina/io;

public function main() {
    string s = "x";
    io:println(s is string:Char); // @output true
    string t = "xy";
    io:println(t is string:Char); // @output false
}

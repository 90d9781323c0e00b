import ballerina/io;

public function main() {
    anydata v = 42;
    int|string x = <int|string>v;
    io:println(x); // @output 42
    json j = "text";
    string s = <string>j;
    io:println(s); // @output text
}

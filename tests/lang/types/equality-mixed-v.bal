import ballerina/io;

public function main() {
    anydata a = 1;
    anydata b = 1.0;
    io:println(a == b); // @output false
    anydata c = 1;
    io:println(a == c); // @output true
    anydata s = "1";
    io:println(a == s); // @output false
}

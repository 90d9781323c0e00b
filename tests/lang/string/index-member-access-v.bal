import ballerina/io;

public function main() {
    string s = "héllo";
    io:println(s[0]); // @output h
    io:println(s[1]); // @output é
    io:println(s[4]); // @output o
}

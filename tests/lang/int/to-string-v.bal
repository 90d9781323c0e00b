import ballerina/io;

public function main() {
    int n = 42;
    string s = n.toString();
    io:println(s + "!"); // @output 42!
    io:println((-7).toString()); // @output -7
}

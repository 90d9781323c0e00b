import ballerina/io;

public function main() {
    string path = "a/b/c.txt";
    io:println(path.lastIndexOf("/")); // @output 3
    io:println(path.lastIndexOf("x")); // @output 7
    io:println(path.lastIndexOf("?") is ()); // @output true
}

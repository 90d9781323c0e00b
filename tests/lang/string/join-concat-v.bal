import ballerina/io;

public function main() {
    io:println(string:'join(", ", "a", "b", "c")); // @output a, b, c
    string[] parts = ["x", "y"];
    io:println(string:'join("-", ...parts)); // @output x-y
    io:println(string:concat("ab", "cd", "ef")); // @output abcdef
    io:println("".join()); // @output 
}

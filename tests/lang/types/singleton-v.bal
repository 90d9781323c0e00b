import ballerina/io;

type Direction "in"|"out";

public function main() {
    Direction d = "in";
    io:println(d); // @output in
    string s = "sideways";
    io:println(s is Direction); // @output false
    io:println("out" is Direction); // @output true
}

import ballerina/io;

function parseAll(string[] xs) returns int[]|error {
    return from string s in xs select check int:fromString(s);
}

public function main() {
    io:println(parseAll(["1", "2"])); // @output [1,2]
    io:println(parseAll(["1", "x"]) is error); // @output true
}

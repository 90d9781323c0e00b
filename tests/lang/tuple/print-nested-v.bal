import ballerina/io;

public function main() {
    [int, [string, boolean]] t = [1, ["a", true]];
    io:println(t); // @output [1,["a",true]]
    io:println(t[1][0]); // @output a
}

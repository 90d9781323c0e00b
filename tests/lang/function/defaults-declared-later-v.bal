import ballerina/io;

public function main() {
    io:println(label("a")); // @output [a]
    io:println(label("b", depth = 2)); // @output     [b]
}

function label(string s, int depth = 0) returns string {
    string indent = "".join(...from int _ in 0 ..< depth select "  ");
    return indent + "[" + s + "]";
}

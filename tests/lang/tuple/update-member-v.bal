import ballerina/io;

public function main() {
    [string, int] p = ["x", 1];
    p[1] = 5;
    p[0] = "y";
    io:println(p); // @output ["y",5]
}

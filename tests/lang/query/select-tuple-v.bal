import ballerina/io;

public function main() {
    string[] names = ["ann", "bob"];
    [string, int][] pairs = from string n in names select [n, n.length()];
    io:println(pairs); // @output [["ann",3],["bob",3]]
}

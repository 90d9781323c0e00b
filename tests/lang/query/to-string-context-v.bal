import ballerina/io;

public function main() {
    string[] words = ["a", "b", "c"];
    string joined = from string w in words select w + ".";
    io:println(joined); // @output a.b.c.
}

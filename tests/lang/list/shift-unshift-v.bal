import ballerina/io;

public function main() {
    string[] q = ["b", "c"];
    q.unshift("a");
    io:println(q); // @output ["a","b","c"]
    string first = q.shift();
    io:println(first); // @output a
    io:println(q); // @output ["b","c"]
}

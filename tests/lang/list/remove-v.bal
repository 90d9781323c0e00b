import ballerina/io;

public function main() {
    string[] xs = ["a", "b", "c"];
    string removed = xs.remove(1);
    io:println(removed, " ", xs); // @output b ["a","c"]
    xs.removeAll();
    io:println(xs.length()); // @output 0
}

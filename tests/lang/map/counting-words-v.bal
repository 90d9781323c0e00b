import ballerina/io;

public function main() {
    string[] words = ["a", "b", "a", "c", "a"];
    map<int> counts = {};
    foreach string w in words {
        counts[w] = (counts[w] ?: 0) + 1;
    }
    io:println(counts); // @output {"a":3,"b":1,"c":1}
}

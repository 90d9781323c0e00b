import ballerina/io;

public function main() {
    string[] senders = ["a", "b", "a"];
    map<int> counts = {};
    from string s in senders
    do {
        counts[s] = (counts[s] ?: 0) + 1;
    };
    io:println(counts); // @output {"a":2,"b":1}
}

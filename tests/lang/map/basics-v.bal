import ballerina/io;

public function main() {
    map<int> counts = {inbox: 3, sent: 1};
    io:println(counts); // @output {"inbox":3,"sent":1}
    counts["spam"] = 7;
    io:println(counts["spam"]); // @output 7
    io:println(counts.length()); // @output 3
    io:println(counts["missing"] is ()); // @output true
}

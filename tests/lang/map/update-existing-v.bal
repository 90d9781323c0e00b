import ballerina/io;

public function main() {
    map<int> m = {a: 1};
    m["a"] += 5;
    io:println(m); // @output {"a":6}
}

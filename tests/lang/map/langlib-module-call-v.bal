import ballerina/io;

public function main() {
    map<int> m = {a: 1, b: 2};
    io:println(map:length(m)); // @output 2
    io:println(map:keys(m)); // @output ["a","b"]
}

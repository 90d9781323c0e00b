import ballerina/io;

public function main() {
    map<int> m = {a: 1};
    io:println(string `value: ${m["a"] ?: 0}`); // @output value: 1
    io:println(string `map: ${m.toString()}`); // @output map: {"a":1}
}

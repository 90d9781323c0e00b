import ballerina/io;

public function main() {
    map<int> base = {a: 1, b: 2};
    map<int> more = {...base, c: 3};
    io:println(more); // @output {"a":1,"b":2,"c":3}
}

import ballerina/io;

public function main() {
    map<int> a = {x: 1, y: 2};
    map<int> b = {y: 2, x: 1};
    io:println(a == b); // @output true
    io:println(a === b); // @output false
    map<int> c = {x: 1};
    io:println(a == c); // @output false
}

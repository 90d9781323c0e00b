import ballerina/io;

public function main() {
    map<int> ints = {a: 1};
    any v = ints;
    io:println(v is map<int>); // @output true
    io:println(v is map<string>); // @output false
    map<anydata> loose = {a: 1};
    any w = loose;
    io:println(w is map<int>); // @output false
}

import ballerina/io;

type Inner record {|
    int required;
|};

public function main() {
    map<Inner> m = {};
    io:println("before"); // @output before
    m["k"].required = 1; // @panic cannot find key 'k'
}

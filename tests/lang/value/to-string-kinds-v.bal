import ballerina/io;

public function main() {
    io:println((1).toString(), " ", (1.5).toString(), " ", true.toString(), " ", "s".toString()); // @output 1 1.5 true s
    map<anydata> m = {a: [1, "x", ()], b: 2.0};
    io:println(m.toString()); // @output {"a":[1,"x",null],"b":2.0}
}

import ballerina/io;

type Point record {|
    int x;
|};

public function main() {
    any v = 5;
    io:println(typeof v); // @output typedesc 5
    io:println(typeof 2.5); // @output typedesc 2.5
    Point p = {x: 1};
    io:println(typeof p); // @output typedesc Point
}

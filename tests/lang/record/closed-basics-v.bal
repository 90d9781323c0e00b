import ballerina/io;

type Point record {|
    int x;
    int y;
|};

public function main() {
    Point p = {x: 1, y: 2};
    io:println(p); // @output {"x":1,"y":2}
    io:println(p.x + p.y); // @output 3
    p.x = 10;
    io:println(p.x); // @output 10
}

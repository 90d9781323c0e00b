import ballerina/io;

type Circle record {|
    string kind = "circle";
    float r;
|};

type Rect record {|
    string kind = "rect";
    float w;
    float h;
|};

function area(Circle|Rect s) returns float {
    if s is Circle {
        return 3.0 * s.r * s.r;
    }
    return s.w * s.h;
}

public function main() {
    io:println(area({r: 1.0})); // @output 3.0
    io:println(area({w: 2.0, h: 4.0})); // @output 8.0
}

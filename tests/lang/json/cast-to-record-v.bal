import ballerina/io;

type Point record {
    int x;
    int y;
};

public function main() returns error? {
    json j = {x: 1, y: 2};
    Point p = check j.cloneWithType();
    io:println(p.x + p.y); // @output 3
}

import ballerina/io;

public function main() {
    map<int> m = {x: 1, y: 2};
    io:println(m.toArray()); // @output [1,2]
    io:println(m.entries()); // @output {"x":["x",1],"y":["y",2]}
}

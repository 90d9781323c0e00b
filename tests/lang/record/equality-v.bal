import ballerina/io;

type P record {|
    int x;
    int y;
|};

public function main() {
    P a = {x: 1, y: 2};
    P b = {x: 1, y: 2};
    io:println(a == b); // @output true
    io:println(a === b); // @output false
    b.y = 3;
    io:println(a == b); // @output false
}

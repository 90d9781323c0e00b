import ballerina/io;

// Type tests that can be true for some value of the variable's type are fine, including ones that
// split a union, tests against a member's subtype, and tests of distinct error types.
type NotFound distinct error;

type Open record {
    int x;
};

function find(int key) returns int|error {
    if key < 0 {
        return error NotFound("no such key");
    }
    if key == 0 {
        return error("bad key");
    }
    return key;
}

public function main() {
    int|string key = 5;
    (int|string)[] cells = [1];
    map<json> doc = {x: 1};
    int|error r = find(-1);
    if r is NotFound {
        io:println("not found"); // @output not found
    }
    int|error s = find(0);
    if s is NotFound {
        io:println("unexpected");
    } else if s is error {
        io:println("other error"); // @output other error
    }
    io:println(key is int, " ", key is byte, " ", cells is int[], " ", doc is Open); // @output true true false false
}

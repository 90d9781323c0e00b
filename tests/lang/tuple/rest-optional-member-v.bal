import ballerina/io;

// A tuple's rest descriptor may be any type, `T?` included (spec, "Tuple types":
// `tuple-rest-descriptor := type-descriptor ...`).
type Row [string, int?...];

function count(int?... xs) returns int {
    int n = 0;
    foreach int? x in xs {
        if x is int {
            n += x;
        }
    }
    return n;
}

public function main() {
    Row r = ["a", 1, (), 3];
    io:println(r); // @output ["a",1,null,3]
    io:println(r.length()); // @output 4
    [int?...] empty = [];
    io:println(empty.length()); // @output 0
    [int?...] some = [(), 2];
    io:println(some[0] is ()); // @output true
    io:println(count(1, (), 5)); // @output 6
    record {| string name; int?...; |} rec = {name: "x"};
    io:println(rec); // @output {"name":"x"}
}

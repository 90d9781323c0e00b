// Annotations declared in a submodule, attached as `@meta:doc` and read back with `T.@meta:doc` here and
// with `t.@doc` in the module that declares them (tests/packages/test_packages.py).
import ballerina/io;
import annotations.meta;

@meta:doc {title: "a point"}
@meta:marker
type Point record {|
    int x;
    int y;
|};

@meta:doc {title: "a counter", level: 2}
class Counter {
    int n = 0;
}

@meta:onlySource {title: "kept in the source only"}
type Plain record {|
    int z;
|};

public function main() {
    meta:Doc? d = Point.@meta:doc;
    io:println(d);
    io:println(Point.@meta:marker);
    io:println(Plain.@meta:doc);
    io:println(Plain.@meta:onlySource);
    typedesc<Counter> c = Counter;
    io:println(c.@meta:doc);
    io:println(meta:titleOf(Point));
    io:println(d is readonly);
}

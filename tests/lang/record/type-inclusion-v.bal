import ballerina/io;

type Base record {|
    string id;
|};

type Derived record {|
    *Base;
    int count;
|};

public function main() {
    Derived d = {id: "x1", count: 4};
    io:println(d.id, " ", d.count); // @output x1 4
    // a record prints its own fields first, then those of its inclusions (docs/patterns.md)
    io:println(d); // @output {"count":4,"id":"x1"}
}

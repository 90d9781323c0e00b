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
    io:println(d); // @output {"id":"x1","count":4}
}

import ballerina/io;

type Ints int[];

type AnyMap map<any>;

type Point record {
    int x;
};

type Oops distinct error;

class Counter {
    int n = 0;
}

// A typedesc prints a record, object or error type by its name, and any other type definition as
// the type it stands for.
public function main() {
    typedesc a = Ints;
    io:println(a); // @output typedesc int[]
    typedesc m = AnyMap;
    io:println(m); // @output typedesc map
    typedesc p = Point;
    io:println(p); // @output typedesc Point
    typedesc e = Oops;
    io:println(e); // @output typedesc Oops
    typedesc c = Counter;
    io:println(c); // @output typedesc Counter
    typedesc j = json;
    io:println(j.toString()); // @output typedesc json
}

import ballerina/io;

type Pair record {|
    string k;
    int v;
|};

public function main() {
    map<int> m = {a: 1, b: 2};
    Pair[] ps = from var [k, v] in m.entries().toArray() select {k, v};
    io:println(ps); // @output [{"k":"a","v":1},{"k":"b","v":2}]
}

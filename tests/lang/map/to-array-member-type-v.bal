import ballerina/io;

type Point record {|
    int x;
    int y;
|};

// map:toArray gives an array of the mapping's member type: growing it past its end fills with that
// type's filler value, and storing a value of another type panics.
public function main() {
    map<int> m = {"a": 1, "b": 2};
    int[] xs = m.toArray();
    xs[4] = 9;
    io:println(xs); // @output [1,2,0,0,9]
    Point p = {x: 3, y: 4};
    int[] ys = p.toArray();
    ys[3] = 1;
    io:println(ys); // @output [3,4,0,1]
    any[] zs = m.toArray();
    error? e = trap assignString(zs);
    io:println(e is error ? e.message() : "stored"); // @output {ballerina/lang.array}InherentTypeViolation
}

function assignString(any[] zs) {
    zs[0] = "one";
}

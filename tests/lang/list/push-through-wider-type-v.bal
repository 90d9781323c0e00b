import ballerina/io;

public function main() {
    int[] xs = [];
    foreach int i in 0 ..< 3 {
        xs.push(i * 10);
    }
    io:println(xs); // @output [0,10,20]
    (int|string)[] mixed = [];
    mixed.push(1);
    mixed.push("two");
    io:println(mixed); // @output [1,"two"]
    int[] mapped = [1, 2].map(x => x + 1);
    mapped.push(9);
    io:println(mapped); // @output [2,3,9]
    byte[] bytes = [];
    int[] wide = bytes;
    wide.push(255);
    io:println(bytes); // @output [255]
    error? e = trap pushTo(wide, 256);
    io:println(e is error); // @output true
    io:println(bytes); // @output [255]
    map<byte> mb = {};
    map<int> m = mb;
    m["a"] = 7;
    io:println(mb); // @output {"a":7}
    error? e2 = trap storeTo(m, "b", 300);
    io:println(e2 is error); // @output true
}

function pushTo(int[] xs, int v) {
    xs.push(v);
}

function storeTo(map<int> m, string k, int v) {
    m[k] = v;
}

import ballerina/io;

type Point record {|
    int x;
    int y;
|};

type Named record {|
    string name;
|};

function pushAny(any[] xs, any v) {
    xs.push(v);
}

function putAny(map<any> m, string k, any v) {
    m[k] = v;
}

public function main() {
    Point[] points = [];
    foreach int i in 0 ..< 3 {
        points.push({x: i, y: i * 2});
    }
    io:println(points.length()); // @output 3
    // a value of another record type is still refused after values of the member type went in
    Named n = {name: "a"};
    error? e = trap pushAny(points, n);
    io:println(e is error ? e.message() : "ok"); // @output {ballerina/lang.array}InherentTypeViolation
    Point p = {x: 9, y: 9};
    pushAny(points, p);
    io:println(points[3]); // @output {"x":9,"y":9}
    Point & readonly frozen = {x: 1, y: 1};
    pushAny(points, frozen);
    io:println(points.length()); // @output 5

    map<map<int>> buckets = {};
    foreach int i in 0 ..< 3 {
        map<int> inner = buckets["b"] ?: {};
        inner["k" + i.toString()] = i;
        buckets["b"] = inner;
    }
    io:println(buckets); // @output {"b":{"k0":0,"k1":1,"k2":2}}
    map<string> strings = {s: "x"};
    error? f = trap putAny(buckets, "c", strings);
    io:println(f is error ? f.message() : "ok"); // @output {ballerina/lang.map}InherentTypeViolation
    map<int> more = {z: 26};
    putAny(buckets, "d", more);
    io:println(buckets["d"]); // @output {"z":26}
}

import ballerina/io;

type Rec record {|
    int x;
|};

function setFirst(any[] xs, any v) {
    xs[0] = v;
}

function put(map<any> m, string k, any v) {
    m[k] = v;
}

public function main() {
    int[] ints = [1];
    error? e = trap setFirst(ints, "s");
    io:println(e is error ? e.message() : "ok"); // @output {ballerina/lang.array}InherentTypeViolation
    if e is error {
        io:println(e.detail()["message"]); // @output incompatible types: expected 'int', found 'string'
    }
    setFirst(ints, 7);
    io:println(ints); // @output [7]
    Rec r = {x: 1};
    error? f = trap put(r, "x", "no");
    if f is error {
        io:println(f.detail()["message"]); // @output invalid value for record field 'x': expected value of type 'int', found 'string'
    }
    map<string> ms = {};
    error? g = trap put(ms, "k", 1);
    if g is error {
        io:println(g.detail()["message"]); // @output invalid map insertion: expected value of type 'string', found 'int'
    }
}

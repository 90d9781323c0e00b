// `foreach` iterates a stream only when its completion type is nil: a stream that may complete with an
// error must be read with `next()`, a query or `forEach` instead (spec: "Foreach statement", the
// iterator's completion type must be a subtype of `()`).
import ballerina/io;

class Source {
    int n = 0;
    public isolated function next() returns record {| int value; |}|error? {
        self.n += 1;
        return self.n < 3 ? {value: self.n} : ();
    }
}

public function main() {
    stream<int> plain = [1, 2].toStream();
    foreach int i in plain {
        io:println(i);
    }
    stream<int, ()> nilCompletion = [3].toStream();
    foreach var i in nilCompletion {
        io:println(i);
    }
    stream<int, error?> risky = new (new Source());
    foreach int i in risky { // @error invalid completion type
        io:println(i);
    }
    stream<string, error> failing = new (new Source2());
    foreach var s in failing { // @error invalid completion type
        io:println(s);
    }
}

class Source2 {
    public isolated function next() returns record {| string value; |}|error {
        return error("never a member");
    }
}

// A stream of type stream<T, E> may complete with an error: `next()` returns it, the functional members
// of lang.stream return it, and a query over the stream evaluates to it (spec: lang.stream, query-expr).
import ballerina/io;

class Readings {
    int i = 0;
    public isolated function next() returns record {| float value; |}|error? {
        self.i += 1;
        if self.i == 3 {
            return error("sensor offline", reading = self.i);
        }
        return {value: <float>self.i / 2};
    }
}

public function main() {
    stream<float, error?> a = new (new Readings());
    io:println(a.next()); // @output {"value":0.5}
    io:println(a.next()); // @output {"value":1.0}
    var third = a.next();
    if third is error {
        io:println(third.message(), " ", third.detail()); // @output sensor offline {"reading":3}
    }

    stream<float, error?> b = new (new Readings());
    float[]|error all = from float r in b select r * 2.0;
    io:println(all is error ? all.message() : "no error"); // @output sensor offline

    stream<float, error?> c = new (new Readings());
    error? done = c.forEach(function(float r) {
        io:println(r); // @output 0.5
        // @output 1.0
    });
    io:println(done is error); // @output true

    stream<float, error?> d = new (new Readings());
    float|error total = d.reduce(function(float acc, float r) returns float => acc + r, 0.0);
    io:println(total is error); // @output true

    stream<float, error?> e = new (new Readings());
    stream<float, error?> doubled = e.map(r => r * 2.0);
    io:println(doubled.next()); // @output {"value":1.0}
    io:println(doubled.next()); // @output {"value":2.0}
    io:println(doubled.next() is error); // @output true
}

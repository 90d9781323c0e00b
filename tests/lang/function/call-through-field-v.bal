import ballerina/io;

type Handler record {
    function (int) returns int f;
    string name;
};

class Formatter {
    function (string) returns string fmt;

    function init() {
        self.fmt = s => "<" + s + ">";
    }
}

public function main() {
    // a function-typed field is called with method-call syntax
    Handler h = {f: x => x * 2, name: "dbl"};
    io:println(h.f(21)); // @output 42
    Formatter b = new;
    io:println(b.fmt("x")); // @output <x>
    map<function (int) returns int> ops = {"sq": x => x * x};
    (function (int) returns int)? sq = ops["sq"];
    if sq is function (int) returns int {
        io:println(sq(9)); // @output 81
    }
}

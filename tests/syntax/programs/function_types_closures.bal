// construct: function type descriptors, function-typed params/returns/fields, module-level function values, closures
import ballerina/io;

type Handler function (string subject) returns boolean;

type Route record {|
    string name;
    Handler matches;
|};

function makePrefixHandler(string prefix) returns Handler {
    return function (string subject) returns boolean {
        return subject.startsWith(prefix);
    };
}

function countMatches(string[] subjects, Handler h) returns int {
    int n = 0;
    foreach string s in subjects {
        if h(s) {
            n += 1;
        }
    }
    return n;
}

final Handler alwaysTrue = function (string subject) returns boolean => true;

public function main() {
    Route[] routes = [
        {name: "replies", matches: makePrefixHandler("Re:")},
        {name: "all", matches: alwaysTrue}
    ];
    string[] subjects = ["Re: lunch", "Invoice", "Re: report"];
    foreach Route r in routes {
        io:println(r.name, ": ", countMatches(subjects, r.matches));
    }
    int calls = 0;
    function () returns int tick = function () returns int {
        calls += 1;
        return calls;
    };
    _ = tick();
    io:println("tick called, calls = ", tick());
    function (int...) returns int total = function (int... ns) returns int {
        int t = 0;
        foreach int v in ns {
            t += v;
        }
        return t;
    };
    io:println(total(1, 2, 3));
}

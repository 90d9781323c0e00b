// `wait` on named workers: single, alternate (`A | B`: the first result that is not an error) and
// multiple (`{a: A, b: B}`: a record of every result, errors included).
import ballerina/io;

type Result record {
    string|error a;
    string|error b;
};

function fetch(string s) returns string|error {
    if s == "bad" {
        return error("bad input");
    }
    return s.toUpperAscii();
}

function multiFetch(string x, string y) returns Result {
    worker WA returns string|error {
        return fetch(x);
    }
    worker WB returns string|error {
        return fetch(y);
    }
    return wait {a: WA, b: WB};
}

function altFetch(string x, string y) returns string|error {
    worker A returns string|error {
        return fetch(x);
    }
    worker B returns string|error {
        return fetch(y);
    }
    return wait A | B;
}

public function main() {
    io:println(multiFetch("one", "two")); // @output {"a":"ONE","b":"TWO"}
    io:println(multiFetch("one", "bad")); // @output {"a":"ONE","b":error("bad input")}
    io:println(altFetch("bad", "two")); // @output TWO
    io:println(altFetch("bad", "bad")); // @output error("bad input")
}

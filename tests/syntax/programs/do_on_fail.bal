// construct: do statement with on fail clauses (typed and var binding); on fail attached to a foreach loop
import ballerina/io;

function load(string name) returns string|error {
    if name == "" {
        return error("empty key");
    }
    return name.toUpperAscii();
}

public function main() {
    do {
        string a = check load("inbox");
        string b = check load("");
        io:println(a, b);
    } on fail error e {
        io:println("recovered: ", e.message());
    }

    do {
        string c = check load("sent");
        io:println("loaded ", c);
    } on fail var e {
        io:println("unexpected: ", e.message());
    }

    foreach string name in ["a", "", "c"] {
        string v = check load(name);
        io:println("value ", v);
    } on fail error e {
        io:println("loop stopped: ", e.message());
    }
}

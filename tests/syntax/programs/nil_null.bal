// construct: nil — the () literal and type, optional types, null in json, nil checks with is and ==
import ballerina/io;

function lookup(map<string> m, string name) returns string? {
    return m[name];
}

function nothing() returns () {
    return ();
}

public function main() {
    () unit = ();
    string? missing = lookup({a: "x"}, "b");
    string? present = lookup({a: "x"}, "a");
    json payload = null;
    json wrapped = {value: null, other: 1};
    io:println(unit == (), " ", missing is (), " ", present, " ", payload is (), " ", wrapped);
    nothing();
    if missing == () {
        io:println("missing key");
    }
}

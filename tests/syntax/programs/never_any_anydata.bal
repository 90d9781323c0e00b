// construct: any, anydata, json, never types; never-returning function; anydata/json conversions
import ballerina/io;

function abort(string reason) returns never {
    panic error(reason);
}

function kind(any value) returns string {
    if value is anydata {
        return "anydata";
    }
    return "other";
}

public function main() {
    any anything = new Object();
    anydata data = {subject: "Hi", tags: ["a"]};
    json doc = {count: 1, items: [true, null, 2.5, "x"]};
    record {|never id?; string name;|} noId = {name: "ann"};
    string text = doc.toJsonString();
    io:println(kind(anything), " ", kind(data), " ", text, " ", noId);
    if text.length() < 0 {
        abort("impossible");
    }
}

class Object {
}

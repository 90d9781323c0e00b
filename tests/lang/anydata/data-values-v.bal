import ballerina/io;

type Note record {|
    string text;
    int[] marks;
|};

function keep(anydata value) returns anydata => value;

public function main() {
    map<int> counts = {a: 1};
    Note note = {text: "hi", marks: [1, 2]};
    json doc = {ok: true};
    [int, string] pair = [1, "x"];
    anydata[] items = [counts, note, doc, pair, (), 2.5d];
    io:println(keep(items)); // @output [{"a":1},{"text":"hi","marks":[1,2]},{"ok":true},[1,"x"],null,2.5]
    any thing = 5;
    if thing is int {
        anydata n = thing;
        io:println(n); // @output 5
    }
    anydata data = <anydata>thing;
    io:println(data); // @output 5
}

import ballerina/io;

// A named argument that names no parameter goes to the included record parameter (`*R r`) whose
// record type has that field, so each of two included records gets its own fields.
type Margins record {|
    int top = 0;
    int bottom = 0;
|};

type Style record {|
    string colour = "black";
    boolean bold = false;
|};

function describe(string text, *Margins m, *Style s) returns string {
    return string `${text} ${m.top}/${m.bottom} ${s.colour}${s.bold ? " bold" : ""}`;
}

public function main() {
    io:println(describe("a")); // @output a 0/0 black
    io:println(describe("b", bold = true)); // @output b 0/0 black bold
    io:println(describe("c", colour = "red", top = 2)); // @output c 2/0 red
    io:println(describe("d", bottom = 5, bold = true, top = 1)); // @output d 1/5 black bold
}

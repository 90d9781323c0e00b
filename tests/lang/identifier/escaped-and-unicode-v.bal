import ballerina/io;

type Person record {|
    string first\-name;
    int 'type;
|};

public function main() {
    // `\-` escapes a character that may not otherwise appear in an identifier; the name has no backslash
    Person p = {first\-name: "Ann", 'type: 1};
    io:println(p); // @output {"first-name":"Ann","type":1}
    io:println(p.first\-name); // @output Ann
    // identifiers may use letters beyond ASCII, and numeric escapes
    string ünïcödé = "ok";
    int \u{E9}t\u{E9} = 3;
    io:println(ünïcödé, " ", été); // @output ok 3
    // a backtick inside a string inside `${...}` of a template
    string s = `a ${"`"} b ${"}"}`;
    io:println(s); // @output a ` b }
}

import ballerina/io;

type Point record {|
    int x;
    int y;
|};

function sum(record {|Point p; int z;|} r) returns int => r.p.x + r.p.y + r.z;

function describe(int n) returns string {
    return string `n=${n}`;
}

public function main() {
    // a mapping constructor two levels deep inside an interpolation
    io:println(string `a ${sum({p: {x: 1, y: 2}, z: 3})} b`); // @output a 6 b
    // templates nested four deep
    io:println(string `${string `${string `${string `x`}`}`}`); // @output x
    io:println(string `1${string `2${string `3${string `4${string `5`}4`}3`}2`}1`); // @output 123454321
    // string literals holding a backtick or a brace inside an interpolation
    io:println(string `p ${"}" + string `q ${"`"} r`} s`); // @output p }q ` r s
    // a conditional whose branches are templates
    int n = 3;
    io:println(string `${n > 2 ? string `big ${n}` : "small"}!`); // @output big 3!
    // an anonymous function with a block body inside an interpolation
    io:println(string `[${(function() returns string { if n > 0 { return describe(n); } return ""; })()}]`); // @output [n=3]
    // member access and a template in an elvis inside an interpolation
    map<string> m = {k: "v"};
    io:println(string `${m["k"] ?: string `${"-"}`}/${m["z"] ?: string `${"-"}`}`); // @output v/-
    // a dollar not followed by a brace is plain text, also in nested templates
    io:println(string `$5 and ${string `$${n}`}`); // @output $5 and $3
}

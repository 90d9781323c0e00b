// Destructuring assignment with list binding patterns (spec: "Destructuring assignment statement",
// "List binding pattern"): `_` matches a member without binding it, at any depth; `...r` binds the
// remaining members as a list.
import ballerina/io;

type Pair [int, string];

public function main() {
    [[int, string], boolean] nested = [[7, "seven"], true];
    int a;
    boolean b;
    [[a, _], b] = nested;
    io:println(a, " ", b); // @output 7 true

    string label;
    [_, label] = <Pair>[1, "one"];
    io:println(label); // @output one

    [int, string, string] triple = [3, "x", "y"];
    int head;
    string[] tail;
    [head, ...tail] = triple;
    io:println(head, " ", tail); // @output 3 ["x","y"]

    Pair p = [2, "two"];
    Pair [n, _] = p;
    var [[m, _], _] = nested;
    io:println(n + m); // @output 9
}

// A local variable declaration whose type is a named tuple (or array) type and whose binding is a list
// binding pattern (spec: "Local variable declaration statements", typed-binding-pattern).
import ballerina/io;

type Pair [int, string];
type Row [string, int, float...];
type Grid int[2][2];

public function main() {
    Pair p = [1, "one"];
    Pair [n, word] = p;
    io:println(n, " ", word); // @output 1 one

    Pair [_, onlyWord] = [2, "two"];
    io:println(onlyWord); // @output two

    Row [label, count, ...scores] = ["r", 3, 1.5, 2.5];
    io:println(label, count, scores); // @output r3[1.5,2.5]

    Grid [top, bottom] = [[1, 2], [3, 4]];
    io:println(top, bottom); // @output [1,2][3,4]

    [Pair, int] [[k, v], extra] = [[4, "four"], 5];
    io:println(k, v, extra); // @output 4four5

    [int, string] [a, b] = [6, "six"];
    io:println(a + n, b); // @output 7six
}

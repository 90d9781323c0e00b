// A list binding pattern must have as many members as the tuple it destructures (unless it ends with a
// rest binding): "invalid list binding pattern; member variable count mismatch with member type count"
// (spec: "List binding pattern" — the pattern's static type must match the value's type).
import ballerina/io;

type Pair [int, string];

public function main() {
    Pair p = [1, "one"];
    int a = 0;
    string s = "";
    Pair [a] = p; // @error member variable count mismatch
    var [x] = p; // @error member variable count mismatch
    [a] = p; // @error member variable count mismatch
    Pair [b, c, d] = p; // @error member variable count mismatch
    [a, s] = p;
    [s, a] = p; // @error incompatible types: expected 'string', found 'int'
    io:println(a, s, x, b, c, d);
}

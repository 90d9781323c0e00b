import ballerina/io;

const N = 3;

type Grid int[2][3];

type Board record {|
    string[N] names;
    int[2] score = [];
|};

function total(int[N] xs) returns int[2]|string {
    return [xs[0], xs[1] + xs[2]];
}

public function main() {
    // `T[n1][n2]` is `(T[n2])[n1]`: dimensions read in member-access order (spec, "Array types")
    string[3][2] g = [];
    io:println(g.length(), " ", g[0].length()); // @output 3 2
    g[2][1] = "x";
    io:println(g); // @output [["",""],["",""],["","x"]]
    io:println(typeof g); // @output typedesc string[3][2]
    Grid grid = [[1, 2, 3]];
    io:println(grid); // @output [[1,2,3],[0,0,0]]
    // a constant as the length, and a named type before the dimension
    int[N] c = [7];
    io:println(c); // @output [7,0,0]
    Grid[N] grids = [];
    io:println(grids.length(), " ", grids[2][1]); // @output 3 [0,0,0]
    map<int>[2] ms = [{a: 1}];
    io:println(ms); // @output [{"a":1},{}]
    int[*] inferred = [4, 5];
    io:println(typeof inferred); // @output typedesc int[2]
    Board b = {names: ["a", "b", "c"]};
    io:println(b.score, " ", b.names); // @output [0,0] ["a","b","c"]
    io:println(total([1, 2, 3])); // @output [1,5]
    anydata any2 = g;
    io:println(any2 is string[3][2], " ", any2 is string[2][3]); // @output true false
    final int[2] fixed = [9, 8];
    [int, int] [p, q] = fixed;
    io:println(p + q); // @output 17
}

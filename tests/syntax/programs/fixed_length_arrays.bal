// construct: fixed-length and multi-dimensional arrays — T[N], T[*], T[C] with a constant, T[n1][n2],
// after named types, in fields, parameters, returns and unions; list bindings after a tuple type
const N = 3;

type Row int[2];

type Grid record {|
    Row[N] rows = [];
    string[2][3] cells = [];
|};

function firstTwo(int[N] xs) returns int[2]|string {
    return [xs[0], xs[1]];
}

public function main() {
    int[3] a = [1, 2, 3];
    int[*] b = [4, 5];
    Row[N] rows = [];
    map<int>[2] maps = [];
    final string[3][2] names = [];
    [int, int] [p, q] = [1, 2];
    foreach [string, int] [k, v] in [["a", 1]] {
        _ = [k, v];
    }
    Grid g = {};
    _ = [a, b, rows, maps, names, p, q, g, firstTwo(a)];
}

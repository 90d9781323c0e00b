import ballerina/io;

function minMax(int[] xs) returns [int, int] {
    int lo = xs[0];
    int hi = xs[0];
    foreach int x in xs {
        if x < lo {
            lo = x;
        }
        if x > hi {
            hi = x;
        }
    }
    return [lo, hi];
}

public function main() {
    [int, int] [lo, hi] = minMax([4, -2, 9, 3]);
    io:println(lo, " ", hi); // @output -2 9
}

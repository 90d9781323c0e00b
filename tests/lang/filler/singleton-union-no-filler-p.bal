import ballerina/io;

// A union of singletons of one basic type has a filler value only when that basic type's own filler
// (0, "", false, ...) is one of its values: `-1|1` has none, so growing a list of it past its end panics.
type Sign -1|1;
type Digit 0|1|2;

public function main() {
    Digit[] ds = [];
    ds[2] = 2;
    io:println(ds); // @output [0,0,2]
    Sign[] signs = [];
    signs[0] = 1;
    signs[2] = -1; // @panic IllegalListInsertion
}

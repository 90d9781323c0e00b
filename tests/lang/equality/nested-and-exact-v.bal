import ballerina/io;

public function main() {
    map<anydata> m1 = {a: [1, {b: "x"}], c: ()};
    map<anydata> m2 = {c: (), a: [1, {b: "x"}]};
    io:println(m1 == m2); // @output true
    io:println([1, 2] === [1, 2]); // @output false
    int[] x = [1];
    int[] y = x;
    io:println(x === y); // @output true
    float nan = 0.0 / 0.0;
    // == treats NaN as equal to itself; === distinguishes -0.0 from +0.0
    io:println(nan == nan, " ", nan === nan); // @output true true
    io:println(-0.0 == 0.0, " ", -0.0 === 0.0); // @output true false
    io:println(1 == 1.0 || true); // @output true
}

import ballerina/io;

public function main() {
    // lists order lexicographically; a shorter prefix comes first
    io:println([1, 2] < [1, 3], " ", [1, 2] < [1, 2, 0], " ", [2] > [1, 9]); // @output true true true
    io:println([1.5, 2.0] <= [1.5, 2.0], " ", ["b"] > ["a", "z"]); // @output true true
    // () equals (); against any other value it is unordered, so every relation is false
    int? n = ();
    int? m = 3;
    io:println(n < m, " ", m < n, " ", n > m, " ", m >= n); // @output false false false false
    io:println(n <= n, " ", n >= n); // @output true true
    io:println([1, ()] < [1, 2], " ", [(), 5] < [1]); // @output false false
    float nan = 0.0 / 0.0;
    io:println([nan] < [1.0], " ", [1.0] < [nan], " ", nan < 1.0); // @output false false false
}

import ballerina/io;

public function main() {
    map<int> m = {a: 5, b: 15, c: 25};
    int[] big = from int v in m where v > 10 select v;
    io:println(big); // @output [15,25]
}

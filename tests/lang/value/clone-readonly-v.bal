import ballerina/io;

public function main() {
    map<int[]> m = {a: [1]};
    map<int[]> & readonly r = m.cloneReadOnly();
    io:println(r.isReadOnly(), " ", m.isReadOnly()); // @output true false
    int[] inner = <int[]>m["a"]; // a map member may be absent: m["a"] is int[]?
    inner.push(2);
    io:println(r); // @output {"a":[1]}
}

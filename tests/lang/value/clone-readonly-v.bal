import ballerina/io;

public function main() {
    map<int[]> m = {a: [1]};
    map<int[]> & readonly r = m.cloneReadOnly();
    io:println(r.isReadOnly(), " ", m.isReadOnly()); // @output true false
    m.get("a").push(2);
    io:println(r); // @output {"a":[1]}
}

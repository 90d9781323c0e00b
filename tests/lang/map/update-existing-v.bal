import ballerina/io;

public function main() {
    map<int> m = {a: 1};
    m["a"] = m.get("a") + 5; // `m["a"] += 5` is refused: the member read is an `int?`
    io:println(m); // @output {"a":6}
}

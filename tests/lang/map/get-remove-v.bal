import ballerina/io;

public function main() {
    map<int> m = {a: 1, b: 2, c: 3};
    io:println(m.get("b")); // @output 2
    int removed = m.remove("a");
    io:println(removed, " ", m); // @output 1 {"b":2,"c":3}
    int? gone = m.removeIfHasKey("zzz");
    io:println(gone is ()); // @output true
}

import ballerina/io;

public function main() {
    map<string> m = {first: "a", second: "b"};
    string joined = "";
    foreach string v in m {
        joined += v;
    }
    io:println(joined); // @output ab
    foreach [string, string] [k, v] in m.entries() {
        io:println(k, "=", v); // @output first=a
    }
    // @output second=b
}

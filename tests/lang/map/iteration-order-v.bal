import ballerina/io;

public function main() {
    map<int> m = {};
    m["z"] = 1;
    m["a"] = 2;
    m["m"] = 3;
    io:println(m.keys()); // @output ["z","a","m"]
    m["z"] = 9;
    io:println(m); // @output {"z":9,"a":2,"m":3}
}

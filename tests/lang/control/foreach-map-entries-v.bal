import ballerina/io;

public function main() {
    map<int> m = {a: 1, b: 2};
    string out = "";
    foreach var [k, v] in m.entries() {
        out += k + v.toString();
    }
    io:println(out); // @output a1b2
}

import ballerina/io;

public function main() {
    map<string> m = {zeta: "1", alpha: "2"};
    string[] ks = m.keys().sort();
    io:println(ks); // @output ["alpha","zeta"]
}

import ballerina/io;

public function main() {
    map<string> m = {a: "x"};
    string? v = m["b"];
    io:println(v is (), " ", m["a"]); // @output true x
}

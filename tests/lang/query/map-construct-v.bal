import ballerina/io;

public function main() {
    string[] names = ["ann", "bob"];
    map<int> lengths = map from string n in names select [n, n.length()];
    io:println(lengths); // @output {"ann":3,"bob":3}
}

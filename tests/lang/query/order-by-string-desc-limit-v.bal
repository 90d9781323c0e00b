import ballerina/io;

public function main() {
    string[] names = ["cy", "ann", "bob", "dee"];
    string[] top = from string n in names order by n descending limit 2 select n;
    io:println(top); // @output ["dee","cy"]
}

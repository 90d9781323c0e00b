import ballerina/io;

public function main() {
    string[] xs = ["a", "b", "c"];
    string r = xs.reduce(function(string acc, string x) returns string => x + acc, "");
    io:println(r); // @output cba
}

import ballerina/io;

function shout(string s) returns string => s.toUpperAscii();

public function main() {
    function (string) returns string f = shout;
    string[] out = ["a", "b"].map(f);
    io:println(out); // @output ["A","B"]
}

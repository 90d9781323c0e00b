import ballerina/io;

function isSpam(string s) returns boolean => s.toLowerAscii().includes("win");

public function main() {
    string[] subjects = ["Win a prize", "Meeting", "WINNER"];
    string[] clean = from string s in subjects where !isSpam(s) select s;
    io:println(clean); // @output ["Meeting"]
}

import ballerina/io;

public function main() {
    string name = "ann";
    int n = 3;
    io:println(string `Hi ${name}, you have ${n} new`); // @output Hi ann, you have 3 new
    io:println(string `sum=${n + 4}`); // @output sum=7
    io:println(string `no interpolation`); // @output no interpolation
}

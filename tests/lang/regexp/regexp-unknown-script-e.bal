import ballerina/io;

public function main() {
    string:RegExp r = re `\p{sc=Klingon}`; // @error invalid regular expression
    io:println(r.isFullMatch("a"));
}

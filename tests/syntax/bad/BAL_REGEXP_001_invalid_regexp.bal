import ballerina/io;

public function main() {
    string:RegExp r = re `(ab|cd`;
    io:println(r.isFullMatch("ab"));
}

import ballerina/io;

public function main() {
    // Ballerina's regexp grammar has no `\b` (word boundary) escape.
    string:RegExp r = re `\bword`; // @error invalid escape '\b'
    io:println(r.isFullMatch("word"));
}

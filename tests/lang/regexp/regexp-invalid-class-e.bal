import ballerina/io;

public function main() {
    string:RegExp r = re `[a-`; // @error invalid regular expression
    io:println(r.isFullMatch("a"));
}

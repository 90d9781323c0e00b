import ballerina/io;

public function main() {
    string:RegExp r = re `\p{Latin}`; // @error invalid Unicode general category 'Latin'
    io:println(r.isFullMatch("a"));
}

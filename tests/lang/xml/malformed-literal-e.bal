import ballerina/io;

public function main() {
    xml x = xml `<a><b></a>`; // @error invalid XML literal: mismatched tag
    io:println(x);
}

import ballerina/io;

public function main() {
    xml x = "<a/>"; // @error incompatible types
    io:println(x);
}

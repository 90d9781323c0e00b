import ballerina/io;

public function main() {
    io:println(summarize("x"));
}

import ballerina/io;

public function main() {
    io:println("tab\q");
}

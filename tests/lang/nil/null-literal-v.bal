import ballerina/io;

public function main() {
    json j = null;
    io:println(j is ()); // @output true
    io:println(j == ()); // @output true
}

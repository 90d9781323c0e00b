import ballerina/io;

public function main() {
    io:println("parsing"); // @output parsing
    int n = checkpanic int:fromString("4x2"); // @panic {ballerina/lang.int}NumberParsingError
}

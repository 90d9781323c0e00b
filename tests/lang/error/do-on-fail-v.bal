import ballerina/io;

public function main() {
    do {
        int n = check int:fromString("12x");
        io:println("not reached ", n);
    } on fail error e {
        io:println("failed: ", e.message()); // @output failed: {ballerina/lang.int}NumberParsingError
    }
    io:println("after"); // @output after
}

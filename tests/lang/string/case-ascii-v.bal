import ballerina/io;

public function main() {
    io:println("Hello World".toUpperAscii()); // @output HELLO WORLD
    io:println("Hello World".toLowerAscii()); // @output hello world
    io:println("Grüße".toUpperAscii()); // @output GRüßE
}

import ballerina/io;

public function main() {
    io:println("INBOX".equalsIgnoreCaseAscii("inbox")); // @output true
    io:println("INBOX".equalsIgnoreCaseAscii("outbox")); // @output false
}

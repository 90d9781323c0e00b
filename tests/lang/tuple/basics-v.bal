import ballerina/io;

public function main() {
    [string, int] pair = ["imap", 993];
    io:println(pair[0]); // @output imap
    io:println(pair[1]); // @output 993
    io:println(pair); // @output ["imap",993]
    io:println(pair.length()); // @output 2
}

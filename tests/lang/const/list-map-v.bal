import ballerina/io;

const int[] PORTS = [993, 995];
const map<string> NAMES = {imap: "IMAP", pop: "POP3"};

public function main() {
    io:println(PORTS, " ", NAMES["pop"]); // @output [993,995] POP3
    io:println(PORTS.isReadOnly()); // @output true
}

// construct: singleton and finite types — string/int/boolean literals, constants, unions of them, type tests
import ballerina/io;

const IMAP = "imap";
const POP3 = "pop3";

type Protocol IMAP|POP3;
type Direction "in"|"out";
type MailPort 110|143|993|995;
type Enabled true;

function defaultPort(Protocol p) returns MailPort {
    return p == IMAP ? 993 : 995;
}

public function main() {
    Protocol p = "imap";
    Direction d = "out";
    Enabled enabled = true;
    string input = "pop3";
    if input is Protocol {
        io:println("protocol ", input, " port ", defaultPort(input));
    }
    io:println(p, " ", d, " ", enabled, " ", defaultPort(POP3));
}

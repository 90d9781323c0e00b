// BALMAIL_109 (and BALMAIL_107): a POP3 client created with literal credentials, and an IMAP client
// configuration that never uses TLS.
import ballerina/email;
import ballerina/io;

configurable string username = ?;
configurable string password = ?;

public function main() returns error? {
    email:PopClient pop = check new ("pop.example.com", "reader@example.com", "pass456");
    email:Message? first = check pop->receiveMessage();
    io:println(first is () ? "empty" : first.subject);
    email:ImapClient imap = check new ("imap.example.com", username, password, {
        port: 143,
        security: email:START_TLS_NEVER
    });
    check imap->close();
}

// BALMAIL_201: `new http:Client(...)` named explicitly, an explicit port in the URL, and email clients
// whose port comes from a configuration record (or the protocol's default when none is given).
import ballerina/email;
import ballerina/http;

configurable string username = ?;
configurable string password = ?;
configurable int imapPort = 143;

public function main() returns error? {
    var api = check new http:Client("http://10.0.0.5:8080/v1");
    json status = check api->get("/status");
    email:ImapClient imap = check new ("imap.example.com", username, password, {port: imapPort,
        security: email:START_TLS_ALWAYS});
    email:PopClient pop = check new ("pop.example.com", username, password);
    email:Message? first = check imap->receiveMessage();
    email:Message? second = check pop->receiveMessage();
    _ = [status, first, second];
}

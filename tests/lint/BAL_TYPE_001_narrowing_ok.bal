// No finding: narrowing, Elvis, optional access, contextual literals and check are understood.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

type Ticket record {|
    string id;
    decimal weight = 1;
    float score;
|};

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string? body = message?.body;
        if body is string {
            string text = body;
            log:printInfo(text);
        }
        string sender = message.'from ?: "";
        string|string[] to = message.to;
        string first = to is string ? to : to[0];
        Ticket ticket = {id: sender + first, weight: 2.5, score: 1};
        float doubled = ticket.score * 2;
        string? maybe = body;
        if maybe == () {
            return;
        }
        string certain = maybe;
        log:printInfo(certain, doubled = doubled);
    }
}

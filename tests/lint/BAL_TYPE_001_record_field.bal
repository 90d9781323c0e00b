// BAL_TYPE_001: a record field given a value of the wrong type.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

type Ticket record {|
    string id;
    int priority;
|};

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        Ticket ticket = {id: message.subject, priority: "high"};
        log:printInfo(ticket.id);
    }
}

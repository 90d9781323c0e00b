// BAL_TYPE_005: a closed record given a field it does not declare, and an undeclared field read.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

type Ticket record {|
    string id;
    string subject;
|};

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        Ticket ticket = {id: "1", subject: message.subject, queue: "ops"};
        log:printInfo(ticket.title);
        log:printInfo(message.subjet);
    }
}

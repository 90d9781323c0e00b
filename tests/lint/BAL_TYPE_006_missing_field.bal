// BAL_TYPE_006: a required record field left out.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

type Ticket record {|
    string id;
    string subject;
    string queue = "ops";
|};

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        Ticket ticket = {id: "1"};
        log:printInfo(ticket.id, subject = message.subject);
    }
}

// BAL_TYPE_012: an isolated handler calls a helper that is not declared isolated.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

function summary(email:Message message) returns string {
    return message.subject.trim();
}

service "inbox" on inbox {
    isolated remote function onMessage(email:Message message) {
        log:printInfo(summary(message));
    }
}

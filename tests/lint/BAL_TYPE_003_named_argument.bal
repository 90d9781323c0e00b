// BAL_TYPE_003: a named argument that names no parameter.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(label(message.subject, priority = 1));
    }
}

function label(string subject, boolean urgent = false) returns string {
    return urgent ? "URGENT " + subject : subject;
}

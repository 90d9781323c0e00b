// BAL_TYPE_003: more arguments than parameters.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(label(message.subject, true, "extra"));
    }
}

function label(string subject, boolean urgent) returns string {
    return urgent ? "URGENT " + subject : subject;
}

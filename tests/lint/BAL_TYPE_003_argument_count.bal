// BAL_TYPE_003: a call that leaves out a required argument.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string queue = route(message.subject);
        log:printInfo(queue);
    }
}

function route(string subject, string fallback) returns string {
    return subject == "" ? fallback : subject;
}

// BAL_TYPE_005: `.name` on a value that has no fields (here a string).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string subject = message.subject;
        log:printInfo(subject.text);
    }
}

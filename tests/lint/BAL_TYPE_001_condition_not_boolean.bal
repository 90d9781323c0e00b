// BAL_TYPE_001: an `if` condition that is not a boolean (Ballerina has no truthiness).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        int size = message.subject.length();
        if size {
            log:printInfo("non-empty subject");
        }
    }
}

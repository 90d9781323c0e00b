// BAL_TYPE_001: Ballerina's own type check, reported by lint too.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        int count = "three";
        log:printInfo(message.subject, count = count);
    }
}

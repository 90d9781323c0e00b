// BAL_TYPE_013: arithmetic between values of different basic types (no implicit conversions).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        int size = message.subject.length();
        log:printInfo("subject length: " + size);
        float weight = 1.5;
        float score = weight + size;
        log:printInfo("scored", score = score);
    }
}

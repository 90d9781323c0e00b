// BAL_TYPE_001: int, float and decimal are different types; only literals convert.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        int length = message.subject.length();
        float ratio = length;
        decimal cap = 2.5;
        log:printInfo(message.subject, ratio = ratio, cap = cap);
    }
}

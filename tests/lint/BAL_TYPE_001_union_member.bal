// BAL_TYPE_001: a union value where one member type is expected.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string|string[] recipients = message.to;
        string first = recipients;
        log:printInfo(first);
    }
}

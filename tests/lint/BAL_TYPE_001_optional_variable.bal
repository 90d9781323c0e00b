// BAL_TYPE_001: a string? variable assigned to a string one.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string? body = message?.body;
        string text = body;
        log:printInfo(text);
    }
}

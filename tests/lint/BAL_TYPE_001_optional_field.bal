// BAL_TYPE_001: an optional field of email:Message is a string? and cannot go into a string.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string sender = message.'from;
        log:printInfo(sender);
    }
}

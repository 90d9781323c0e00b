// EMAIL_104: onMessage must take an email:Message.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(string message) {
        log:printInfo(message);
    }
}

// EMAIL_107: a handler's return type must be a subtype of error?.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

service "inbox" on new email:ImapListener({host: "imap.example.com", username, password}) {
    remote function onMessage(email:Message message) returns string|error {
        log:printInfo(message.subject);
        return message.subject;
    }
}

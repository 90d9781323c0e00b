// BALMAIL_104: the value comes from a configurable's default, which is named in the message.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
configurable decimal pollingInterval = -5;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password, pollingInterval});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

// EMAIL_104: the listener passes one value; a second parameter can never be filled.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message, string folder) {
        log:printInfo(message.subject, folder = folder);
    }
}

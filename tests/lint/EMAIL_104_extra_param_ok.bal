// No EMAIL_104: the plugin checks only the first parameter of onMessage; a second one is not reported.
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

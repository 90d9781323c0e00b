// BAL_TYPE_004: assigning to a final module variable after its declaration.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

final string ARCHIVE = "Archive";

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        ARCHIVE = message.subject;
        log:printInfo(ARCHIVE);
    }
}

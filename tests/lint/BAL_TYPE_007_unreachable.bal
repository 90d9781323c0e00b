// BAL_TYPE_007: statements after a return never run.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        if message.subject == "" {
            return;
            log:printInfo("empty subject");
        }
        log:printInfo(message.subject);
    }
}

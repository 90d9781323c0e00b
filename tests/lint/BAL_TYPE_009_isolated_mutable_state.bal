// BAL_TYPE_009: an isolated handler touching a mutable module variable outside a lock.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

int handled = 0;

service "inbox" on inbox {
    isolated remote function onMessage(email:Message message) {
        handled += 1;
        log:printInfo(message.subject);
    }
}

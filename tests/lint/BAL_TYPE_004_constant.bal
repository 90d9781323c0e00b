// BAL_TYPE_004: a constant cannot be updated.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

const MAX_RETRIES = 3;

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        MAX_RETRIES = 5;
        log:printInfo(message.subject);
    }
}

// BALMAIL_108: START_TLS_AUTO, reached through a constant, can be downgraded to plaintext.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
const email:Security MODE = email:START_TLS_AUTO;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    port: 143,
    security: MODE
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

// BALMAIL_101: closed configuration records reject unknown fields (also inside secureSocket).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    pollInterval: 10,
    folder: "Orders",
    secureSocket: {cert: "ca.crt", verifyHost: true}
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

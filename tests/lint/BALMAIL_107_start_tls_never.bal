// BALMAIL_107: START_TLS_NEVER keeps the whole session, password included, in plaintext.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({
    host: "pop.example.com",
    username,
    password,
    port: 110,
    security: email:START_TLS_NEVER
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

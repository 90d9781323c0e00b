// BALMAIL_102: field values of the wrong type, written directly or through typed variables.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
configurable string imapPort = "993";
configurable int interval = 30;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    port: imapPort,
    pollingInterval: interval,
    security: "SECURE",
    secureSocket: {cert: "ca.crt", verifyHostName: "yes", ciphers: ["TLS_AES_128_GCM_SHA256", 1]}
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

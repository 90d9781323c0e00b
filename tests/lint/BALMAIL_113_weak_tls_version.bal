// BALMAIL_113: withdrawn protocol versions.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    secureSocket: {cert: "ca.crt", protocol: {name: email:TLS, versions: ["TLSv1", "TLSv1.1", "TLSv1.2"]}}
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

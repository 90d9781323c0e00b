// BALMAIL_112: a version name neither Java nor balmail knows.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    secureSocket: {cert: "ca.crt", protocol: {name: email:TLS, versions: ["TLS1.3"]}}
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

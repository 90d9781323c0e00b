// BALMAIL_301: version names only balmail understands.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    secureSocket: {cert: "ca.crt", protocol: {name: email:TLS, versions: ["tlsv1.2", "TLSV1.3"]}}
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

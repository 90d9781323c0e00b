// BALMAIL_110: the certificate path does not exist beside this file (ca.crt does).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
configurable string deployedCert = "certs/from-deployment.crt";

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    secureSocket: {cert: "certs/missing.crt"}
});
listener email:ImapListener present = check new ({
    host: "imap.example.com",
    username,
    password,
    secureSocket: {cert: "ca.crt"}
});
listener email:ImapListener deployed = check new ({
    host: "imap.example.com",
    username,
    password,
    secureSocket: {cert: deployedCert}
});

service "inbox" on inbox, present, deployed {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

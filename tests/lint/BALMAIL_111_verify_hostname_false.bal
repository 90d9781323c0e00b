// BALMAIL_111: host name verification turned off.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({
    host: "pop.example.com",
    username,
    password,
    secureSocket: {cert: "ca.crt", verifyHostName: false}
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

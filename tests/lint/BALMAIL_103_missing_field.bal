// BALMAIL_103: required fields without defaults are missing (password; cert in secureSocket).
import ballerina/email;
import ballerina/log;

configurable string username = ?;

final email:PopListenerConfiguration config = {
    host: "pop.example.com",
    username,
    secureSocket: {verifyHostName: true}
};

listener email:PopListener inbox = check new (config);

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

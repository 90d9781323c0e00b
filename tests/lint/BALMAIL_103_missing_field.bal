// BALMAIL_103: required fields without defaults are missing (password; cert in secureSocket; the whole
// configuration record).
import ballerina/email;
import ballerina/log;

configurable string username = ?;

final email:PopListenerConfiguration config = {
    host: "pop.example.com",
    username,
    secureSocket: {verifyHostName: true}
};

listener email:PopListener inbox = check new (config);
listener email:ImapListener unconfigured = new ();

service "inbox" on inbox, unconfigured {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

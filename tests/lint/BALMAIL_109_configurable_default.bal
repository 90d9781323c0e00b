// BALMAIL_109: a password configurable's default is still a password in the source; a username default is fine.
import ballerina/email;
import ballerina/log;

configurable string username = "orders@example.com";
configurable string password = "changeme";

configurable email:PopListenerConfiguration backup = {
    host: "pop.example.com",
    username: "backup@example.com",
    password: "backup-secret"
};

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});
listener email:PopListener other = check new (backup);

service "inbox" on inbox, other {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

// BALMAIL_105: no TCP port is numbered 0 or above 65535.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
const int PORT = 99300;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password, port: PORT});
listener email:PopListener other = check new ({host: "pop.example.com", username, password, port: 0});

service "inbox" on inbox, other {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

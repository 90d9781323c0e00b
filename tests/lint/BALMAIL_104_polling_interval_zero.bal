// BALMAIL_104: a polling interval of zero or less.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

service "inbox" on new email:PopListener({host: "pop.example.com", username, password, pollingInterval: 0}) {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

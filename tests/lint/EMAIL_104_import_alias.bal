// EMAIL_104: the expected type is named with the prefix the file imports ballerina/email under.
import ballerina/email as mail;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener mail:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(map<string> message) {
        log:printInfo("received");
    }
}

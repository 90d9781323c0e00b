// BAL_NAME_003: ballerina/email has no type UnknownListener (Ballerina: unknown type).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:UnknownListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Mesage message) {
        log:printInfo("received");
    }
}

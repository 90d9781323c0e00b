// BAL_NAME_004: `log:` is used without importing ballerina/log (reported by name resolution).
import ballerina/email;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({host: "pop.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("received", subject = message.subject);
    }
}

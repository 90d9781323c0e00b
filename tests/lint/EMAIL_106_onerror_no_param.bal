// EMAIL_106: onError without the email:Error parameter cannot see what failed.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({host: "pop.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }

    remote function onError() {
        log:printError("polling failed");
    }
}

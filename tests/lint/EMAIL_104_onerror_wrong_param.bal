// EMAIL_104: onError and onClose take an email:Error; a plain `error` is not what the plugin accepts.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = new ({host: "pop.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }

    remote function onError(error err) {
        log:printError("polling failed", 'error = err);
    }

    remote function onClose(string? reason) {
    }
}

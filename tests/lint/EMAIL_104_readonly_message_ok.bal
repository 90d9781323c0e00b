// No finding: `readonly & email:Message` and `email:Error?` are accepted (the plugin's readonly support).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(readonly & email:Message message) {
        log:printInfo(message.subject);
    }

    remote function onError(email:Error err) {
        log:printError("polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
    }
}

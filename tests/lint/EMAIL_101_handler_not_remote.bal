// EMAIL_101: onError is declared without `remote`, so the listener never calls it.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("received", subject = message.subject);
    }

    function onError(email:Error err) {
        log:printError("polling failed", 'error = err);
    }
}

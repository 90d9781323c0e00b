// EMAIL_103: a misspelt handler is a remote function the listener never calls; helpers are fine.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

service "inbox" on new email:ImapListener({host: "imap.example.com", username, password}) {
    remote function onMessage(email:Message message) {
        log:printInfo(self.describe(message));
    }

    remote function onEror(email:Error err) {
        log:printError("polling failed", 'error = err);
    }

    function describe(email:Message message) returns string {
        return "received " + message.subject;
    }
}

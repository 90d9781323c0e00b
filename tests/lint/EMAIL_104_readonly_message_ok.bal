// No finding: `readonly & email:Message` and `email:Error?` are accepted, and `returns error?` too.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

type HandlerError distinct error;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(readonly & email:Message message) returns HandlerError? {
        log:printInfo(message.subject);
    }

    remote function onError(email:Error err) returns error? {
        log:printError("polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) returns () {
    }
}

// BAL_TYPE_102: `check` in handlers that cannot return the error; `on fail` and `returns error?` are fine.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        int size = check sizeOf(message);
        log:printInfo(message.subject, size = size);
        do {
            int again = check sizeOf(message);
            log:printInfo("again", size = again);
        } on fail error e {
            log:printError("could not size the message", 'error = e);
        }
    }

    remote function onClose(email:Error? err) returns error? {
        int size = check sizeOf({to: "ops@example.com", subject: "closed"});
        log:printInfo("closed", size = size);
    }
}

function sizeOf(email:Message message) returns int|error {
    string? body = message?.body;
    if body is () {
        return error("no body");
    }
    return body.length();
}

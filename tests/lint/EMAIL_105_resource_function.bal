// EMAIL_105: email services have no resources; the handler must be a remote function.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }

    resource function get status() returns string {
        return "ok";
    }
}

// BAL_TYPE_002: a path through the function ends without returning its string.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(route(message.subject));
    }
}

function route(string subject) returns string {
    if subject.startsWith("[order]") {
        return "orders";
    }
}

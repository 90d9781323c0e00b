// BAL_TYPE_008: a call returning error? used as a statement; the error would be dropped.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        archive(message.subject);
        log:printInfo(message.subject);
    }
}

function archive(string subject) returns error? {
    if subject == "" {
        return error("empty subject");
    }
}

// BAL_TYPE_121: a match pattern after an unguarded `_` can never be reached.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

function priority(string? flag) returns int {
    match flag {
        _ => {
            return 0;
        }
        "urgent" => {
            return 1;
        }
    }
}

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject, priority = priority(message.subject));
    }
}

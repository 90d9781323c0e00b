// BAL_TYPE_101: functions without a return type return a value.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        if message.subject == "" {
            return false;
        }
        log:printInfo(label(message));
    }
}

function label(email:Message message) returns string {
    return "subject: " + message.subject;
}

function countWords(string text) {
    int words = re `\s+`.split(text).length();
    return words;
}

function logged(string text) {
    return log:printInfo(text);
}

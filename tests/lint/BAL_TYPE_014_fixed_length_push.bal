// BAL_TYPE_014: a fixed-length array cannot grow or shrink.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string[3] lastSubjects = ["", "", ""];
        lastSubjects.push(message.subject);
        string dropped = lastSubjects.shift();
        log:printInfo("dropped", subject = dropped);
    }
}

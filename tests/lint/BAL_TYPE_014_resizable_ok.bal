// BAL_TYPE_014: an array without a fixed length grows and shrinks; a fixed one is written by index.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string[] subjects = [];
        subjects.push(message.subject);
        string[2] pair = ["", ""];
        pair[0] = subjects.pop();
        log:printInfo("latest", subject = pair[0]);
    }
}

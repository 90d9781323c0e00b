// BAL_TYPE_001: a value outside a finite type (a union of string constants, an enum).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

type Priority "low"|"normal"|"high";

enum Queue {
    SUPPORT,
    BILLING
}

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        Priority priority = "urgent";
        string name = message.subject;
        Queue queue = name;
        log:printInfo("routed", priority = priority, queue = queue);
    }
}

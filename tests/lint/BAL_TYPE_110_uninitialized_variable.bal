// BAL_TYPE_110: a local variable read before every path assigns it.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string folder;
        if message.subject.startsWith("[URGENT]") {
            folder = "Urgent";
        }
        log:printInfo("filing", folder = folder);
    }
}

// BAL_TYPE_113: the mutable field is private and reached under `lock`: nothing to report.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

isolated service "inbox" on inbox {
    private int seen = 0;

    remote function onMessage(email:Message message) {
        lock {
            self.seen += 1;
        }
        log:printInfo(message.subject);
    }
}

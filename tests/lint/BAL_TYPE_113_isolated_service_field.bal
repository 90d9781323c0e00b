// BAL_TYPE_113: an isolated service's mutable field is used outside a `lock` statement.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

isolated service "inbox" on inbox {
    private int seen = 0;

    remote function onMessage(email:Message message) {
        self.seen += 1;
        log:printInfo(message.subject);
    }
}

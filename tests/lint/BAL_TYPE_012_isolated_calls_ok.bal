// BAL_TYPE_012: isolated functions calling isolated functions and methods, and library functions.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

isolated function summary(email:Message message) returns string {
    return message.subject.trim();
}

isolated class Counter {
    private int count = 0;

    isolated function next() returns int {
        lock {
            self.count += 1;
            return self.count;
        }
    }

    isolated function twice() returns int {
        _ = self.next();
        return self.next();
    }
}

final Counter counter = new;

function unused() returns string => "not called from an isolated function";

service "inbox" on inbox {
    isolated remote function onMessage(email:Message message) {
        log:printInfo(summary(message), seen = counter.twice());
    }
}

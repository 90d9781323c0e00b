// BAL_TYPE_013: comparison and equality between values of types that share nothing.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        int size = message.subject.length();
        string maximum = "100";
        if size > maximum {
            log:printWarn("long subject");
        }
        if size == maximum {
            log:printInfo("at the maximum");
        }
        float weight = 1.5;
        if weight < 2 && size >= weight {
            log:printInfo("light");
        }
    }
}

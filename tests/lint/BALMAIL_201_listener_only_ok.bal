// No finding: listeners need no permission flag (they are the program's declared purpose).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

service "inbox" on new email:PopListener({host: "pop.example.com", username, password}) {
    remote function onMessage(email:Message message) {
        log:printInfo("received", subject = message.subject);
    }
}

// BALMAIL_109: a literal stays a literal through a constant or a local variable; configurables are fine.
import ballerina/email;
import ballerina/log;

const string PASSWORD = "s3cret";
configurable string username = "orders@example.com";

public function main() returns error? {
    string pass = PASSWORD;
    email:ImapListenerConfiguration config = {host: "imap.example.com", username, password: pass};
    email:ImapListener inbox = check new (config);
    email:Service handler = service object {
        remote function onMessage(email:Message message) {
            log:printInfo(message.subject);
        }
    };
    check inbox.attach(handler);
}

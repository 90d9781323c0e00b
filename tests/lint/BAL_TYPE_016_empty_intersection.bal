// BAL_TYPE_016: an intersection without `readonly` whose members share no value.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

type Sender record {|
    string address;
|};

type Key int & Sender;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("received", subject = message.subject);
    }
}

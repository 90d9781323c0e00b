// BAL_TYPE_015: a type defined only as itself (through references and unions) has no values.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

type Folder Mailbox|string;
type Mailbox Folder;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("received", subject = message.subject);
    }
}

// BALMAIL_109: credentials written in the source.
import ballerina/email;
import ballerina/log;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username: "orders@example.com",
    password: "s3cret"
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

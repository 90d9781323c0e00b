// No finding: `// balmail:ignore` comments, on the line or alone on the line before.
import ballerina/email;
import ballerina/log;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username: "orders@example.com", // balmail:ignore BALMAIL_109 -- a shared role account
    // balmail:ignore BALMAIL_1
    password: "s3cret",
    port: 143 // balmail:ignore
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

// No finding: public members of the catalogued modules (email, io, log, mime, lang.runtime) are known.
import ballerina/email;
import ballerina/io;
import ballerina/lang.runtime;
import ballerina/log;
import ballerina/mime;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    // balmail:ignore EMAIL_107 (this fixture is about names)
    remote function onMessage(email:Message message) returns error? {
        email:Attachment|mime:Entity|(email:Attachment|mime:Entity)[]? attachments = message?.attachments;
        if attachments is mime:Entity {
            string contentType = attachments.getContentType();
            log:printInfo("one attachment", contentType = contentType, expected = mime:APPLICATION_JSON);
        }
        // balmail:ignore BALMAIL_201 (this fixture is about names; it does need --allow-write)
        check io:fileWriteString("last-subject.txt", message.subject, io:OVERWRITE);
        string[] lines = check io:fileReadLines("last-subject.txt");
        io:println(lines.length());
        log:printDebug("stored", folder = email:DEFAULT_FOLDER);
        runtime:sleep(0.1);
        email:SmtpClient smtp = check new ("smtp.example.com", username, password, port = 587,
            security = email:START_TLS_ALWAYS);
        check smtp->sendMessage({to: "ops@example.com", subject: "Fwd: " + message.subject});
    }

    remote function onError(email:Error err) {
        log:printError("polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        io:fprintln(io:stderr, "closed");
    }
}

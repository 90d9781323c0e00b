// Attachment filer: saves every attachment that arrives in an IMAP mailbox
// under one folder, with a safe, unique file name, writes the message's
// metadata beside it as JSON, and appends one line per file to an index.
// The folder must exist; `balmail run` needs `--allow-write=<folder>`.
import ballerina/email;
import ballerina/io;
import ballerina/log;
import ballerina/mime;

configurable string host = "localhost";
configurable int port = 993;
configurable string username = "archive@localhost";
configurable string password = ?;
configurable string certPath = "certs/server.crt";
configurable string folder = "filed";
configurable int maxAttachmentBytes = 26214400;

isolated int filed = 0;

listener email:ImapListener archive = check new ({
    host: host,
    port: port,
    username: username,
    password: password,
    pollingInterval: 60,
    secureSocket: {cert: certPath}
});

service "attachment-filer" on archive {
    remote function onMessage(email:Message message) returns error? {
        mime:Entity[] entities = attachmentsOf(message);
        if entities.length() == 0 {
            log:printInfo("nothing to file", subject = message.subject);
            return;
        }
        int number;
        lock {
            filed += 1;
            number = filed;
        }
        string prefix = string `${folder}/${number}`;
        string[] saved = [];
        foreach int i in 0 ..< entities.length() {
            mime:Entity entity = entities[i];
            byte[] content = check entity.getByteArray();
            if content.length() > maxAttachmentBytes {
                log:printWarn("attachment too large, not filed", size = content.length());
                continue;
            }
            string name = string `${prefix}-${i + 1}-${safeName(entity.getContentDisposition().fileName)}`;
            check io:fileWriteBytes(name, content);
            saved.push(name);
            check io:fileWriteLines(string `${folder}/index.csv`,
                [string `${name},${entity.getContentType()},${content.length()}`], io:APPEND);
        }
        check io:fileWriteJson(prefix + "-message.json", {
            subject: message.subject,
            'from: message.'from,
            files: saved
        });
        log:printInfo("attachments filed", subject = message.subject, files = saved.length());
    }

    remote function onError(email:Error err) {
        log:printError("filing failed", 'error = err);
    }
}

function attachmentsOf(email:Message message) returns mime:Entity[] {
    var attachments = message?.attachments;
    mime:Entity[] out = [];
    if attachments is mime:Entity {
        out.push(attachments);
    } else if attachments is (mime:Entity|email:Attachment)[] {
        foreach var item in attachments {
            if item is mime:Entity {
                out.push(item);
            }
        }
    }
    return out;
}

// Only letters, digits, dot, dash and underscore survive, so a name from the
// sender can never climb out of the folder ("../../etc/passwd" → "etc_passwd").
function safeName(string name) returns string {
    string cleaned = re `[^A-Za-z0-9._-]+`.replaceAll(name, "_");
    cleaned = re `^[._]+`.replace(cleaned, "");
    return cleaned == "" ? "attachment.bin" : cleaned;
}

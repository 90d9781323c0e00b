// Attachment inventory: for each message in a shared IMAP mailbox, lists the
// attachments (the multipart parts after the first, received as `mime:Entity`
// values) with content type, file name and size, and flags file types that the
// policy does not allow. Messages stay on the server; IMAP marks them seen.
import ballerina/email;
import ballerina/log;
import ballerina/mime;

configurable string host = "localhost";
configurable int port = 993;
configurable string username = "shared@localhost";
configurable string password = ?;
configurable string certPath = "certs/server.crt";
// false only for a server whose certificate does not name `host` (a lab machine).
configurable boolean verifyHostName = true;
configurable string[] blockedTypes = ["application/x-msdownload", "application/x-sh"];
configurable int maxAttachmentBytes = 10485760;

type AttachmentInfo record {|
    string contentType;
    string fileName;
    int size;
|};

listener email:ImapListener sharedInbox = check new ({
    host: host,
    username: username,
    password: password,
    port: port,
    pollingInterval: 45,
    secureSocket: {
        cert: certPath,
        protocol: {name: email:TLS, versions: ["TLSv1.2", "TLSv1.3"]},
        ciphers: ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"],
        verifyHostName: verifyHostName
    }
});

service "attachment-inventory" on sharedInbox {
    remote function onMessage(email:Message message) returns error? {
        AttachmentInfo[] infos = [];
        foreach mime:Entity|email:Attachment item in attachmentsOf(message) {
            if item is mime:Entity {
                infos.push(check describe(item));
            } else {
                infos.push({contentType: item.contentType, fileName: item.filePath, size: -1});
            }
        }
        int totalBytes = from var {size} in infos
            where size > 0
            collect sum(size);
        log:printInfo("message inventoried", subject = message.subject, attachments = infos.length(),
                totalBytes = totalBytes);
        foreach AttachmentInfo info in infos {
            string? problem = policyProblem(info);
            if problem is string {
                log:printWarn("attachment violates policy", fileName = info.fileName, reason = problem,
                        subject = message.subject);
            }
        }
    }

    remote function onError(email:Error err) {
        log:printError("shared mailbox polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("attachment inventory stopped");
    }
}

function attachmentsOf(email:Message message) returns (mime:Entity|email:Attachment)[] {
    var attachments = message?.attachments;
    if attachments is () {
        return [];
    }
    if attachments is (mime:Entity|email:Attachment)[] {
        return attachments;
    }
    return [attachments];
}

function describe(mime:Entity entity) returns AttachmentInfo|error {
    byte[] content = check entity.getByteArray();
    string fileName = entity.getContentDisposition().fileName;
    return {
        contentType: entity.getContentType(),
        fileName: fileName == "" ? "(unnamed)" : fileName,
        size: content.length()
    };
}

function policyProblem(AttachmentInfo info) returns string? {
    string baseType = re `;.*`.replace(info.contentType.toLowerAscii(), "").trim();
    if blockedTypes.indexOf(baseType) !is () {
        return "blocked content type " + baseType;
    }
    if info.size > maxAttachmentBytes {
        return string `too large: ${info.size} bytes`;
    }
    return ();
}

import ballerina/email;
import ballerina/io;
import ballerina/lang.runtime;
import ballerina/test;

@test:Config {dataProvider: unsafeNames}
function testSafeName(string given, string expected) {
    test:assertEquals(safeName(given), expected);
}

function unsafeNames() returns map<[string, string]> {
    return {
        "plain": ["invoice-42.pdf", "invoice-42.pdf"],
        "path traversal": ["../../etc/passwd", "etc_passwd"],
        "spaces and umlauts": ["Rechnung März 2024.pdf", "Rechnung_M_rz_2024.pdf"],
        "hidden file": [".bashrc", "bashrc"],
        "nothing left": ["///", "attachment.bin"],
        "empty": ["", "attachment.bin"]
    };
}

@test:Config {}
function testMessageWithoutAttachments() {
    email:Message message = {to: "archive@localhost", subject: "no files", body: "hello"};
    test:assertEquals(attachmentsOf(message).length(), 0);
}

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): a message with an attachment goes in by SMTP and is filed under `folder`.
@test:Config {groups: ["e2e"]}
function testAnAttachmentIsFiled() returns error? {
    check io:fileWriteString(folder + "/outgoing.txt", "Contract text, signed.");
    email:SmtpClient smtp = check new (host, "legal@example.com", "any", port = 465);
    check smtp->sendMessage({
        to: username,
        'from: "legal@example.com",
        subject: "Signed contract",
        body: "See the attachment.",
        attachments: {filePath: folder + "/outgoing.txt", contentType: "text/plain"}
    });
    check waitUntil(isolated function() returns boolean {
        lock {
            return filed == 1;
        }
    }, "one message filed");
    json metadata = check io:fileReadJson(folder + "/1-message.json");
    test:assertEquals(metadata, {
        subject: "Signed contract",
        'from: "legal@example.com",
        files: [folder + "/1-1-outgoing.txt"]
    });
    test:assertEquals(check io:fileReadString(folder + "/1-1-outgoing.txt"), "Contract text, signed.");
    string[] index = check io:fileReadLines(folder + "/index.csv"); // appended to by every run
    string last = index[index.length() - 1];
    test:assertTrue(last.startsWith(folder + "/1-1-outgoing.txt,text/plain"), msg = last);
    test:assertTrue(last.endsWith(",22"), msg = "the size of the file");
}

// Polls `done` every 0.1 s for up to 10 seconds (the listener's handler runs meanwhile).
function waitUntil(function () returns boolean done, string what) returns error? {
    foreach int attempt in 0 ..< 100 {
        if done() {
            return;
        }
        runtime:sleep(0.1);
    }
    return error(string `timed out waiting for: ${what}`);
}

import ballerina/email;
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

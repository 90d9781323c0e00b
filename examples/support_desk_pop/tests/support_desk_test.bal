import ballerina/email;
import ballerina/lang.runtime;
import ballerina/test;

@test:Config {dataProvider: priorities}
function testClassify(string subject, map<string>? headers, Priority expected) {
    test:assertEquals(classify(subject, headers), expected);
}

function priorities() returns map<[string, map<string>?, Priority]> {
    return {
        "urgent tag": ["[URGENT] cannot log in", (), URGENT],
        "outage": ["Partial outage in EU", {}, URGENT],
        "importance header": ["Invoice question", {"Importance": "High"}, HIGH],
        "asap": ["need a refund asap", (), HIGH],
        "fyi": ["FYI: maintenance on Sunday", (), LOW],
        "normal": ["How do I export data?", {"Importance": "normal"}, NORMAL]
    };
}

@test:Config {}
function testTagsAreDeduplicatedInOrder() {
    test:assertEquals(tagsFor("Login broken after password reset; refund?"), ["access", "defect", "billing"]);
    test:assertEquals(tagsFor("Password locked"), ["access"]);
    test:assertEquals(tagsFor("Hello there"), []);
}

@test:Config {}
function testTrustAnchor() {
    test:assertEquals(trustAnchor(""), ());
    test:assertTrue(trustAnchor("certs/ca.crt") !is ());
}

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): a request goes in by SMTP; the acknowledgement is read from the requester's mailbox.
@test:Config {groups: ["e2e"]}
function testARequestIsAcknowledgedWithATicket() returns error? {
    email:SmtpClient smtp = check new (host, "kim@example.com", "any", port = smtpPort);
    check smtp->send(username, "[URGENT] Login broken after password reset", "kim@example.com",
        "I cannot log in since this morning.");
    check smtp->send(username, "FYI: new printer", "kim@example.com", "It is on floor 2.");
    email:Message first = check nextMessage("kim@example.com");
    test:assertEquals(first.subject, "[SUP-1001] [URGENT] Login broken after password reset");
    test:assertEquals(first.'from, username);
    test:assertTrue((first.body ?: "").includes("Priority: URGENT."), msg = first.body ?: "");
    email:Message second = check nextMessage("kim@example.com");
    test:assertEquals(second.subject, "[SUP-1002] FYI: new printer");
    test:assertTrue((second.body ?: "").includes("Priority: LOW."), msg = second.body ?: "");
}

// The oldest message in `account`'s mailbox, waiting up to 10 seconds for one to arrive.
function nextMessage(string account) returns email:Message|error {
    email:PopClient inbox = check new (host, account, "any", port = popPort);
    foreach int attempt in 0 ..< 100 {
        email:Message? message = check inbox->receiveMessage(timeout = 0);
        if message is email:Message {
            return message;
        }
        runtime:sleep(0.1);
    }
    return error(string `no message for ${account} within 10 seconds`);
}

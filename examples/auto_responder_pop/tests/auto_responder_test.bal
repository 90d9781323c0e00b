import ballerina/email;
import ballerina/lang.runtime;
import ballerina/test;

function message(string sender, string subject, map<string> headers = {}) returns email:Message {
    return {to: "helpdesk@localhost", 'from: sender, subject: subject, body: "Hello", headers: headers};
}

@test:Config {}
function testOrdinaryMailIsAnswered() {
    test:assertEquals(skipReason(message("ann@example.com", "Order"), "ann@example.com"), ());
}

@test:Config {dataProvider: automaticMail}
function testAutomaticMailIsNotAnswered(string sender, map<string> headers, string reason) {
    test:assertEquals(skipReason(message(sender, "Hi", headers), sender), reason);
}

function automaticMail() returns map<[string, map<string>, string]> {
    return {
        "no sender": ["", {}, "no sender"],
        "auto-replied": ["bob@example.com", {"Auto-Submitted": "auto-replied"}, "automatic message"],
        "list": ["list@example.com", {"Precedence": "list"}, "bulk or list mail"],
        "bulk": ["news@example.com", {"Precedence": "BULK"}, "bulk or list mail"],
        "daemon": ["MAILER-DAEMON@example.com", {}, "sender does not read replies"],
        "noreply": ["noreply@shop.example", {}, "sender does not read replies"]
    };
}

@test:Config {}
function testReplyIsThreaded() {
    email:Message original = message("ann@example.com", "Order 42", {"Message-ID": "<m1@example.com>"});
    email:Message r = reply(original, "ann@example.com");
    test:assertEquals(r.to, "ann@example.com");
    test:assertEquals(r.subject, "Re: Order 42");
    test:assertEquals(r.'from, "helpdesk@localhost");
    map<string> headers = r.headers ?: {};
    test:assertEquals(headers, {
        "Auto-Submitted": "auto-replied",
        "In-Reply-To": "<m1@example.com>",
        "References": "<m1@example.com>"
    });
    test:assertTrue((r.body ?: "").includes("\"Order 42\""));
}

@test:Config {}
function testReplyKeepsAnExistingRePrefix() {
    email:Message r = reply(message("ann@example.com", "RE: Order 42"), "ann@example.com");
    test:assertEquals(r.subject, "RE: Order 42");
    test:assertFalse((r.headers ?: {}).hasKey("In-Reply-To"), msg = "no Message-ID, no In-Reply-To");
}

// End to end: under `balmail test` the service's listener polls the embedded POP3 server and every
// client is redirected to the embedded servers, so the message goes in by SMTP and the auto-reply
// is read back from the sender's mailbox.

@test:Config {groups: ["e2e"]}
function testAMessageGetsAnAutoReply() returns error? {
    email:SmtpClient outside = check new (smtpHost, "ann@example.com", "any", port = smtpPort,
        secureSocket = {cert: certPath});
    check outside->sendMessage({
        to: username,
        'from: "ann@example.com",
        subject: "Printer on 3rd floor jams",
        body: "It jams again.",
        headers: {"Message-ID": "<e2e-1@example.com>"}
    });
    email:Message answer = check nextMessage("ann@example.com");
    test:assertEquals(answer.subject, "Re: Printer on 3rd floor jams");
    test:assertEquals((answer.headers ?: {})["In-Reply-To"], "<e2e-1@example.com>");
    test:assertEquals((answer.headers ?: {})["Auto-Submitted"], "auto-replied");
}

@test:Config {groups: ["e2e"], dependsOn: [testAMessageGetsAnAutoReply]}
function testListMailGetsNoReply() returns error? {
    email:SmtpClient outside = check new (smtpHost, "news@example.com", "any", port = smtpPort,
        secureSocket = {cert: certPath});
    check outside->sendMessage({to: username, 'from: "news@example.com", subject: "December news",
        body: "All the news.", headers: {"Precedence": "list"}});
    check outside->sendMessage({to: username, 'from: "news@example.com", subject: "Are you there?",
        body: "Please answer."});
    // Mail is handled in order: once the second one is answered, the first was left unanswered.
    email:Message answer = check nextMessage("news@example.com");
    test:assertEquals(answer.subject, "Re: Are you there?");
}

// The oldest message in `account`'s mailbox, waiting up to 10 seconds for one to arrive.
function nextMessage(string account) returns email:Message|error {
    email:PopClient inbox = check new (host, account, "any", port = port, secureSocket = {cert: certPath});
    foreach int attempt in 0 ..< 100 {
        email:Message? message = check inbox->receiveMessage(timeout = 0);
        if message is email:Message {
            return message;
        }
        runtime:sleep(0.1);
    }
    return error(string `no message for ${account} within 10 seconds`);
}

import ballerina/email;
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

import ballerina/email;
import ballerina/lang.runtime;
import ballerina/test;

function dsn(string status, string recipient = "Ann@Example.com") returns email:Message {
    return {
        to: "bounces@localhost",
        subject: "Delivery Status Notification (Failure)",
        contentType: "multipart/report; report-type=delivery-status",
        body: string `Reporting-MTA: dns; mx.example.com
Final-Recipient: rfc822; ${recipient}
Action: failed
Status: ${status}
Diagnostic-Code: smtp; 550 5.1.1 user unknown
`
    };
}

@test:Config {}
function testParsesADeliveryStatusNotification() returns error? {
    Bounce bounce = check parseBounce(dsn("5.1.1"));
    test:assertEquals(bounce, {
        recipient: "ann@example.com",
        status: "5.1.1",
        diagnostic: "smtp; 550 5.1.1 user unknown"
    });
}

@test:Config {}
function testOrdinaryMailIsNotABounce() {
    Bounce|error result = parseBounce({to: "bounces@localhost", subject: "Lunch?", body: "at noon"});
    test:assertTrue(result is NotABounce);
}

@test:Config {}
function testMissingStatusIsMalformed() {
    email:Message message = {
        to: "bounces@localhost",
        subject: "Undeliverable: your order",
        body: "Final-Recipient: rfc822; bob@example.com\n"
    };
    Bounce|error result = parseBounce(message);
    if result is MalformedBounce {
        test:assertEquals(result.detail().missingField, "Status");
    } else {
        test:assertFail("expected a MalformedBounce");
    }
}

@test:Config {}
function testHardBounceSuppressesAtOnce() returns error? {
    test:assertEquals(decide(check parseBounce(dsn("5.1.1", "hard@example.com"))), "suppressed");
    test:assertTrue(suppressed.indexOf("hard@example.com") is int);
}

@test:Config {}
function testSoftBouncesCountUpToTheLimit() {
    Bounce soft = {recipient: "soft@example.com", status: "4.2.2"};
    test:assertEquals(decide(soft), "retry later (1/3)");
    test:assertEquals(decide(soft), "retry later (2/3)");
    test:assertEquals(decide(soft), "suppressed after repeated soft bounces");
    test:assertFalse(softBounces.hasKey("soft@example.com"), msg = "the counter is dropped once suppressed");
}

@test:Config {}
function testSuccessIsIgnored() {
    test:assertEquals(decide({recipient: "ok@example.com", status: "2.0.0"}), "ignored");
}

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): delivery reports go in by SMTP; the suppression list is the handler's effect.
@test:Config {groups: ["e2e"]}
function testBouncesReachTheSuppressionList() returns error? {
    int before = suppressed.length(); // the unit tests above suppress addresses too
    email:SmtpClient daemon = check new (host, "mailer-daemon@example.com", "any", port = 465);
    check daemon->sendMessage(report("gone@example.com", "5.1.1", "smtp; 550 5.1.1 no such user"));
    check daemon->sendMessage(report("full@example.com", "4.2.2", "smtp; 452 mailbox full"));
    check daemon->sendMessage({to: username, 'from: "ann@example.com", subject: "Lunch?", body: "12:30"});
    check daemon->sendMessage(report("full@example.com", "4.2.2", "smtp; 452 mailbox full"));
    check waitUntil(function() returns boolean => softBounces["full@example.com"] == 2, "two soft bounces");
    test:assertEquals(suppressed.slice(before), ["gone@example.com"]);
    check daemon->sendMessage(report("full@example.com", "4.2.2", "smtp; 452 mailbox full"));
    check waitUntil(function() returns boolean => suppressed.length() == before + 2, "the third soft bounce");
    test:assertEquals(suppressed.slice(before), ["gone@example.com", "full@example.com"]);
    test:assertFalse(softBounces.hasKey("full@example.com"));
}

function report(string recipient, string status, string diagnostic) returns email:Message => {
    to: username,
    'from: "mailer-daemon@example.com",
    subject: "Undeliverable: Your order",
    body: string `This is an automatically generated Delivery Status Notification.

Final-Recipient: rfc822; ${recipient}
Action: failed
Status: ${status}
Diagnostic-Code: ${diagnostic}
`
};

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

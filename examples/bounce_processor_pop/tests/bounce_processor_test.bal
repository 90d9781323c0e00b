import ballerina/email;
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

import ballerina/email;
import ballerina/lang.runtime;
import ballerina/test;

@test:Config {dataProvider: subjects}
function testExtractOrderId(string subject, string? id) {
    test:assertEquals(extractOrderId(subject), id);
}

function subjects() returns map<[string, string?]> {
    return {
        "plain": ["Order AB-12345", "AB-12345"],
        "hash and case": ["Re: new ORDER #XY-0001 please", "XY-0001"],
        "too short": ["Order AB-123", ()],
        "no order": ["Question about shipping", ()]
    };
}

@test:Config {}
function testParseLines() returns error? {
    OrderLine[] lines = check parseLines("Hello,\r\nSKU-1 x 2\n  WIDGET-9X3\nthanks\n");
    test:assertEquals(lines, [{sku: "SKU-1", quantity: 2}, {sku: "WIDGET-9", quantity: 3}]);
}

@test:Config {}
function testOrderWithoutLinesIsAnError() {
    OrderLine[]|error lines = parseLines("please send the usual");
    if lines is error {
        test:assertEquals(lines.message(), "the order e-mail has no order lines");
    } else {
        test:assertFail("an order without lines must be rejected");
    }
}

@test:Config {}
function testSenderOf() {
    email:Message withSender = {to: "orders@localhost", subject: "x", 'from: "  buyer@example.com "};
    email:Message anonymous = {to: "orders@localhost", subject: "x"};
    test:assertEquals(senderOf(withSender), "buyer@example.com");
    test:assertEquals(senderOf(anonymous), "unknown");
}

@test:Config {}
function testCountAccepted() {
    int first = countAccepted();
    test:assertEquals(countAccepted(), first + 1);
}

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): orders go in by SMTP; mail without an order number is not counted.
@test:Config {groups: ["e2e"]}
function testOrdersByMailAreAccepted() returns error? {
    int before = accepted();
    email:SmtpClient smtp = check new (host, "buyer@shop.example", "any", port = 465);
    check smtp->send(username, "Order AB-10001", "buyer@shop.example", "WIDGET-1 x 2\nGADGET-9 x 1");
    check smtp->send(username, "Question about delivery", "buyer@shop.example", "When?");
    check smtp->send(username, "order #CD-20002", "other@shop.example", "BOLT-5 x 100");
    // Messages are handled in order: once the second order is counted, the question was seen too.
    check waitUntil(function() returns boolean => accepted() == before + 2, "two orders accepted");
}

function accepted() returns int {
    lock {
        return ordersAccepted;
    }
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

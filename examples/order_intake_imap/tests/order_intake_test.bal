import ballerina/email;
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

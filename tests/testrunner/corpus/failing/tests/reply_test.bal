import ballerina/test;

@test:Config {}
function testStringDiff() {
    test:assertEquals(summary(["one", "two", "three"]), "one\nTWO\nthree");
}

@test:Config {}
function testTypeMismatch() {
    anydata count = 3;
    test:assertEquals(count, "3");
}

@test:Config {}
function testMapDiff() {
    Reply r = replyTo("ann@example.com", "Order");
    test:assertEquals(r, {to: "ann@example.com", subject: "Re: Orders", priority: 2}, msg = "reply differs");
}

@test:Config {}
function testAssertTrue() {
    test:assertTrue(summary([]) != "", msg = "summary must not be empty");
}

@test:Config {}
function testAssertFail() {
    test:assertFail();
}

@test:Config {}
function testNotEquals() {
    test:assertNotEquals(parseCount("4"), 4);
}

@test:Config {}
function testCheckedError() returns error? {
    int n = check parseCount("four");
    test:assertEquals(n, 4);
}

@test:Config {}
function testPanic() {
    int[] xs = [];
    int x = xs[2];
    test:assertEquals(x, 0);
}

@test:Config {dependsOn: [testPanic]}
function testSkippedDependent() {
    test:assertTrue(true);
}

@test:Config {dataProvider: counts}
function testCounts(string text, int expected) returns error? {
    test:assertEquals(check parseCount(text), expected);
}

function counts() returns map<[string, int]> {
    return {"ten": ["10", 10], "eleven": ["11", 12]};
}

import ballerina/io;
import ballerina/test;

@test:BeforeSuite
function startSuite() {
    io:println("before suite");
}

@test:AfterSuite
function endSuite() {
    io:println("after suite");
}

@test:BeforeEach
function eachBefore() {
    io:println("before each");
}

@test:AfterEach
function eachAfter() {
    io:println("after each");
}

@test:BeforeGroups {value: ["orders"]}
function ordersStart() {
    io:println("before group orders");
}

@test:AfterGroups {value: ["orders"]}
function ordersEnd() {
    io:println("after group orders");
}

function prepare() {
    io:println("before testTotal");
}

function cleanUp() {
    io:println("after testTotal");
}

@test:Config {groups: ["orders"], before: prepare, after: cleanUp}
function testTotal() {
    Order o = {id: "A-1", quantity: 3, price: 2.5d};
    test:assertEquals(total(o), 7.5d);
    test:assertNotEquals(total(o), 7.0d);
    test:assertTrue(total(o) > 7d, msg = "total above 7");
    test:assertFalse(total(o) > 8d);
}

@test:Config {groups: ["orders"], dependsOn: [testTotal]}
function testRecordEquality() {
    Order a = {id: "A-2", quantity: 1, price: 1d};
    Order b = {id: "A-2", quantity: 1, price: 1d};
    test:assertEquals(a, b);
    test:assertNotExactEquals(a, b);
    test:assertExactEquals(a, a);
}

@test:Config {dataProvider: subjects}
function testClassify(string subject, string expected) {
    test:assertEquals(classify(subject), expected);
}

function subjects() returns map<[string, string]> {
    return {
        "invoice": ["Invoice 42 attached", "billing"],
        "urgent": ["URGENT: server down", "priority"],
        "other": ["Lunch?", "general"]
    };
}

// `greeting` is mocked in mock_test.bal: a function mock applies to every caller in the module.
@test:Config {dataProvider: greetings}
function testGreeting(string name, string expected) {
    test:assertEquals(greeting(name), expected);
}

function greetings() returns string[][] {
    return [["Ann", "Hi Ann"], ["Bo", "Hi Bo"]];
}

@test:Config {enable: false}
function testDisabled() {
    test:assertFail("a disabled test never runs");
}

@test:Config {}
function testErrorReturn() returns error? {
    int n = check int:fromString("12");
    test:assertEquals(n, 12);
}

import ballerina/email;
import ballerina/io;
import ballerina/test;

@test:Config {}
function testSendNotification() {
    smtpClient = test:mock(email:SmtpClient);
    test:prepare(smtpClient).when("sendMessage").doNothing();
    test:assertEquals(sendNotification(["user1@test.com"]), ());
    test:assertTrue(smtpClient is email:SmtpClient);
}

@test:Config {}
function testStubs() {
    ProductClient m = test:mock(ProductClient);
    test:prepare(m).getMember("productCode").thenReturn(2);
    test:prepare(m).when("name").thenReturn("default");
    test:prepare(m).when("name").withArguments(2).thenReturn("two");
    productClient = m;
    test:assertEquals(productName(), "two");
    test:prepare(m).getMember("productCode").thenReturn(3);
    test:assertEquals(productName(), "default");
}

@test:Config {}
function testSequence() {
    ProductClient m = test:mock(ProductClient);
    test:prepare(m).getMember("productCode").thenReturn(1);
    test:prepare(m).when("name").thenReturnSequence("a", "b");
    productClient = m;
    test:assertEquals([productName(), productName(), productName()], ["a", "b", "b"]);
}

@test:Config {}
function testUnstubbed() {
    ProductClient m = test:mock(ProductClient);
    test:prepare(m).getMember("productCode").thenReturn(1);
    productClient = m;
    string|error r = trap productName();
    test:assertEquals(r is error ? r.message() : "", "no cases registered for member function 'name' of object type 'ProductClient'.");
}

client class FakeProducts {
    public int productCode = 7;
    remote function name(int code) returns string {
        return "fake " + code.toString();
    }
}

@test:Config {}
function testDouble() {
    productClient = test:mock(ProductClient, new FakeProducts());
    test:assertEquals(productName(), "fake 7");
}

@test:Config {groups: ["broken"]}
function testUnstubbedMethodFails() returns error? {
    smtpClient = test:mock(email:SmtpClient);
    check sendNotification(["user1@test.com"]);
}

@test:Config {groups: ["broken"]}
function testSequenceWithArgumentsIsRefused() {
    ProductClient m = test:mock(ProductClient);
    test:prepare(m).when("name").withArguments(1).thenReturnSequence("a", "b");
}

// Functions of imported modules are mocked with `moduleName`, as in Ballerina's docs.
@test:Mock {moduleName: "ballerina/io", functionName: "println"}
test:MockFunction printlnMock = new ();

int tally = 0;

function countPrint(any|error... values) {
    tally += values.length();
}

@test:Config {}
function testImportedFunctionMock() {
    test:when(printlnMock).call("countPrint");
    io:println("one", "two");
    io:println("three");
    test:when(printlnMock).callOriginal();
    io:println("printed for real");
    test:assertEquals(tally, 3);
}

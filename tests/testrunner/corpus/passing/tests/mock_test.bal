import ballerina/test;

@test:Mock {functionName: "exchangeRate"}
test:MockFunction rateMock = new ();

function fixedRate(string currency) returns decimal {
    return 2d;
}

@test:Config {groups: ["mocks"]}
function testThenReturn() {
    test:when(rateMock).thenReturn(1.5d);
    test:assertEquals(inEuro(10d), 15.0d);
}

@test:Config {groups: ["mocks"]}
function testWithArguments() {
    test:when(rateMock).thenReturn(1d);
    test:when(rateMock).withArguments("USD").thenReturn(3d);
    test:assertEquals(inEuro(2d), 2d);
    test:assertEquals(exchangeRate("USD"), 3d);
}

@test:Config {groups: ["mocks"]}
function testCallAnother() {
    test:when(rateMock).call("fixedRate");
    test:assertEquals(inEuro(4d), 8d);
}

@test:Config {groups: ["mocks"]}
function testCallOriginal() {
    test:when(rateMock).callOriginal();
    test:assertEquals(inEuro(10d), 11.0d);
}

@test:Config {groups: ["mocks"]}
function testSequence() {
    test:when(rateMock).thenReturnSequence(1d, 2d);
    test:assertEquals(exchangeRate("EUR"), 1d);
    test:assertEquals(exchangeRate("EUR"), 2d);
}

@test:Mock {functionName: "greeting"}
function mockGreeting(string name) returns string {
    return "Hi " + name;
}

@test:Config {groups: ["mocks"]}
function testFunctionMock() {
    test:assertEquals(greeting("Cy"), "Hi Cy");
}

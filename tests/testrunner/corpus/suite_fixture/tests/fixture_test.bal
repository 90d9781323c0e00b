import ballerina/io;
import ballerina/test;

@test:BeforeSuite
function openTwice() returns error? {
    check connect();
    check connect();
}

@test:AfterSuite {alwaysRun: true}
function report() {
    io:println("connections: ", connections);
}

@test:AfterSuite
function notRun() {
    io:println("this after-suite function is skipped");
}

@test:Config {}
function testConnected() {
    test:assertEquals(connections, 1);
}

@test:Config {groups: ["slow"]}
function testSlow() {
    test:assertTrue(connections > 0);
}

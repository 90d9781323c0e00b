import ballerina/email;
import ballerina/test;

@test:Config {}
function testBeatsAreCountedPerSystem() {
    test:assertFalse(heardFrom("billing"));
    test:assertEquals(recordBeat("billing"), 1);
    test:assertEquals(recordBeat("billing"), 2);
    test:assertEquals(recordBeat("crm"), 1);
    test:assertTrue(heardFrom("billing"));
    test:assertTrue(heardFrom("crm"));
    test:assertFalse(heardFrom("warehouse"));
}

// End to end: `main` starts its own listener (so `balmail test` does not); every listener and client
// is redirected to the embedded mail servers. Heartbeats sent before `main` runs are counted by it
// (systems the unit test above does not use: module state is shared by all tests).
@test:Config {groups: ["e2e"]}
function testMainCountsTheHeartbeatsInTheMailbox() returns error? {
    email:SmtpClient smtp = check new (host, "payroll@example.com", "any", port = 465);
    check smtp->send(username, "HEARTBEAT payroll", "payroll@example.com", "ok");
    check smtp->send(username, "heartbeat Shipping", "shipping@example.com", "ok");
    check smtp->send(username, "Weekly report", "boss@example.com", "not a heartbeat");
    check smtp->send(username, "HEARTBEAT payroll", "payroll@example.com", "ok");
    check main();
    test:assertTrue(heardFrom("payroll"));
    test:assertTrue(heardFrom("shipping"));
    test:assertFalse(heardFrom("warehouse"));
    test:assertEquals(recordBeat("payroll"), 3, msg = "two heartbeats from payroll were recorded");
}

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

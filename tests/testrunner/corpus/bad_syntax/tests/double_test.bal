import ballerina/test;

@test:Config {}
function testDouble() {
    test:assertEquals(double(2), 4)
}

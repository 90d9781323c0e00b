import ballerina/test;

@test:Config {dependsOn: [testC]}
function testA() {
    test:assertEquals(one(), 1);
}

@test:Config {dependsOn: [testA]}
function testB() {
    test:assertEquals(one(), 1);
}

@test:Config {dependsOn: [testB]}
function testC() {
    test:assertEquals(one(), 1);
}

import ballerina/io;
import ballerina/test;

@test:BeforeGroups {value: ["fast"]}
function fastStart() {
    io:println("fast group starts");
}

@test:AfterGroups {value: ["fast"]}
function fastEnd() {
    io:println("fast group ends");
}

@test:Config {groups: ["fast"]}
function testSquareSmall() {
    test:assertEquals(square(3), 9);
}

@test:Config {groups: ["fast", "unit"]}
function testSquareZero() {
    test:assertEquals(square(0), 0);
}

@test:Config {groups: ["slow"]}
function testSquareLarge() {
    test:assertEquals(square(3000000), 9000000000000);
}

@test:Config {groups: ["broken"]}
function testSquareWrong() {
    test:assertEquals(square(2), 5);
}

@test:Config {}
function testNoGroup() {
    test:assertEquals(square(-2), 4);
}

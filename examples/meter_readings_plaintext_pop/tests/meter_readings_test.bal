import ballerina/test;

@test:Config {}
function testParsesReadingsSkippingCommentsAndBlankLines() returns error? {
    Reading[] readings = check parseReadings("# meter, kWh\r\nM-0001, 231.5\n\n  M-0002 ,  12 \n");
    test:assertEquals(readings, [{meter: "M-0001", kwh: 231.5d}, {meter: "M-0002", kwh: 12d}]);
}

@test:Config {}
function testLinesWithoutTwoCellsAreIgnored() returns error? {
    Reading[] readings = check parseReadings("M-0001\nM-0002, 1, 2\nM-0003, 7.25");
    test:assertEquals(readings, [{meter: "M-0003", kwh: 7.25d}]);
}

@test:Config {}
function testEmptyBody() returns error? {
    test:assertEquals((check parseReadings("")).length(), 0);
}

@test:Config {}
function testBadNumberIsAnError() {
    Reading[]|error readings = parseReadings("M-0001, lots");
    test:assertTrue(readings is error, msg = "a reading that is not a number fails the whole message");
}

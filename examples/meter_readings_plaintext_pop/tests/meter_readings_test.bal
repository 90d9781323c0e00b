import ballerina/email;
import ballerina/lang.runtime;
import ballerina/log;
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

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): a batch of readings goes in by SMTP. The handler's only effect is what it logs, so
// the log functions are mocked (`moduleName: "ballerina/log"`) to record the lines for the test.

@test:Mock {moduleName: "ballerina/log", functionName: "printInfo"}
test:MockFunction printInfoMock = new ();

@test:Mock {moduleName: "ballerina/log", functionName: "printWarn"}
test:MockFunction printWarnMock = new ();

string[] logged = [];

@test:BeforeSuite
function logAsUsual() {
    test:when(printInfoMock).callOriginal();
    test:when(printWarnMock).callOriginal();
}

function recordLine(string msg, error? 'error = (), error:StackFrame[]? stackTrace = (), *log:KeyValues keyValues) {
    lock {
        logged.push(string `${msg} ${keyValues.toString()}`);
    }
}

@test:Config {groups: ["e2e"]}
function testABatchIsSummedAndAlarmsAreRaised() returns error? {
    test:when(printInfoMock).call("recordLine");
    test:when(printWarnMock).call("recordLine");
    email:SmtpClient gateway = check new (host, "gateway@meters.example", "any", port = 25,
        security = email:START_TLS_NEVER);
    check gateway->send(username, "Batch 2026-12-01", "gateway@meters.example",
        "# meter, kWh\r\nM-1001, 231.5\r\nM-1002, 612\r\nM-1003, 98.25\r\nM-1004, 740\r\n");
    check waitUntil(function() returns boolean => loggedCount() == 3, "three log lines");
    lock {
        test:assertEquals(logged.clone(), [
            "readings received {\"batch\":\"Batch 2026-12-01\",\"meters\":4,\"totalKwh\":1681.75,\"averageKwh\":420.4375}",
            "consumption above alarm level {\"meter\":\"M-1004\",\"kwh\":740}",
            "consumption above alarm level {\"meter\":\"M-1002\",\"kwh\":612}"
        ]);
    }
    test:when(printInfoMock).callOriginal();
    test:when(printWarnMock).callOriginal();
}

function loggedCount() returns int {
    lock {
        return logged.length();
    }
}

// Polls `done` every 0.1 s for up to 10 seconds (the listener's handler runs meanwhile).
function waitUntil(function () returns boolean done, string what) returns error? {
    foreach int attempt in 0 ..< 100 {
        if done() {
            return;
        }
        runtime:sleep(0.1);
    }
    return error(string `timed out waiting for: ${what}`);
}

import ballerina/email;
import ballerina/lang.runtime;
import ballerina/log;
import ballerina/test;

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): invoices go in by SMTP; each is archived, held for approval or rejected.
@test:Config {groups: ["e2e"]}
function testInvoicesByMailAreArchivedHeldOrRejected() returns error? {
    recordLogs();
    email:SmtpClient vendor = check new (host, "billing@acme.example", "any", port = 587,
        security = email:START_TLS_ALWAYS);
    check vendor->send(username, "Invoice 2026-7", "billing@acme.example",
        "Invoice: 2026-7\r\nVendor: ACME\r\nAmount: 1200.50 EUR\r\n");
    check vendor->send(username, "Invoice 2026-8", "billing@acme.example",
        "Invoice: 2026-8\r\nVendor: ACME\r\nAmount: 31000 USD\r\n");
    check vendor->send(username, "Reminder", "billing@acme.example", "Please pay invoice 2026-6.");
    check waitUntil(function() returns boolean => loggedCount() == 3, "three invoices handled");
    logAsUsual();
    lock {
        test:assertEquals(logged.clone(), [
            "invoice archived {\"number\":\"2026-7\",\"vendor\":\"ACME\",\"amount\":1200.50,\"currency\":\"EUR\"}",
            "invoice needs approval {\"number\":\"2026-8\",\"vendor\":\"ACME\",\"amount\":31000,\"currency\":\"USD\"}",
            "rejected invoice e-mail (missing 'Invoice:' line) {\"subject\":\"Reminder\"}"
        ]);
    }
}

// The handler's only effect is what it logs, so the log functions are mocked
// (`moduleName: "ballerina/log"`) to record the lines while the end-to-end test runs.

@test:Mock {moduleName: "ballerina/log", functionName: "printInfo"}
test:MockFunction printInfoMock = new ();

@test:Mock {moduleName: "ballerina/log", functionName: "printWarn"}
test:MockFunction printWarnMock = new ();

@test:Mock {moduleName: "ballerina/log", functionName: "printError"}
test:MockFunction printErrorMock = new ();

string[] logged = [];

@test:BeforeSuite
function logAsUsual() {
    test:when(printInfoMock).callOriginal();
    test:when(printWarnMock).callOriginal();
    test:when(printErrorMock).callOriginal();
}

function recordLogs() {
    test:when(printInfoMock).call("recordLine");
    test:when(printWarnMock).call("recordLine");
    test:when(printErrorMock).call("recordLine");
}

function recordLine(string msg, error? 'error = (), error:StackFrame[]? stackTrace = (), *log:KeyValues keyValues) {
    string cause = 'error is error ? string ` (${'error.message()})` : "";
    lock {
        logged.push(string `${msg}${cause} ${keyValues.toString()}`);
    }
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

import ballerina/email;
import ballerina/io;
import ballerina/lang.runtime;
import ballerina/log;
import ballerina/test;

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): a message with two attachments goes in by SMTP and is inventoried; the script is
// reported as a policy violation. Files are written under target/, which tests may write to.
@test:Config {groups: ["e2e"]}
function testAttachmentsAreInventoried() returns error? {
    check io:fileWriteString("target/notes.txt", "Meeting notes.");
    check io:fileWriteString("target/install.sh", "#!/bin/sh\necho hi\n");
    recordLogs();
    email:SmtpClient smtp = check new (host, "ann@example.com", "any", port = 465);
    check smtp->sendMessage({
        to: username,
        'from: "ann@example.com",
        subject: "Files for Monday",
        body: "Two files attached.",
        attachments: [
            {filePath: "target/notes.txt", contentType: "text/plain"},
            {filePath: "target/install.sh", contentType: "application/x-sh"}
        ]
    });
    check waitUntil(function() returns boolean => loggedCount() == 2, "the message inventoried");
    logAsUsual();
    lock {
        test:assertEquals(logged.clone(), [
            "message inventoried {\"subject\":\"Files for Monday\",\"attachments\":2,\"totalBytes\":32}",
            "attachment violates policy {\"fileName\":\"install.sh\",\"reason\":\"blocked content type application/x-sh\",\"subject\":\"Files for Monday\"}"
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

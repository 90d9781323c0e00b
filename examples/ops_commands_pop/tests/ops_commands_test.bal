import ballerina/email;
import ballerina/lang.runtime;
import ballerina/test;

@test:Config {dataProvider: acceptedCommands}
function testAcceptedCommands(Command cmd, string summary) returns error? {
    test:assertEquals(check execute(cmd), summary);
}

function acceptedCommands() returns map<[Command, string]> {
    return {
        "restart": [{command: "restart", target: "api"}, "restarting api"],
        "restart with reason": [{command: "restart", target: "api", reason: "leak"}, "restarting api (leak)"],
        "scale": [{command: "scale", target: "web", replicas: 5}, "scaling web to 5 replicas"],
        "scale default": [{command: "scale", target: "web"}, "scaling web to 1 replicas"],
        "drain": [{command: "drain", target: "node-3"}, "drain node-3"],
        "cordon": [{command: "cordon", target: "node-4"}, "cordon node-4"]
    };
}

@test:Config {}
function testScaleLimits() {
    string|error tooMany = execute({command: "scale", target: "web", replicas: 21});
    test:assertTrue(tooMany is RejectedCommand);
    if tooMany is error {
        test:assertEquals(tooMany.message(), "replicas must be between 1 and 20");
    }
    test:assertTrue(execute({command: "scale", target: "web", replicas: 0}) is RejectedCommand);
}

@test:Config {}
function testUnknownCommand() {
    string|error result = execute({command: "delete", target: "db"});
    if result is error {
        test:assertEquals(result.message(), "unknown command: delete");
    } else {
        test:assertFail("an unknown command must be rejected");
    }
}

@test:Config {}
function testCommandFromJson() returns error? {
    Command cmd = check "{\"command\": \"scale\", \"target\": \"web\", \"replicas\": 3}".fromJsonStringWithType();
    test:assertEquals(check execute(cmd), "scaling web to 3 replicas");
}

@test:Config {}
function testAuditTrailCountsRejections() {
    AuditTrail trail = new;
    test:assertEquals(trail.add({operator: "ann@localhost", summary: "ok", accepted: true}), 1);
    test:assertEquals(trail.add({operator: "eve@localhost", summary: "no", accepted: false}), 2);
    test:assertEquals(trail.rejectedCount(), 1);
}

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): commands go in by SMTP; the audit trail records what was accepted and rejected.
@test:Config {groups: ["e2e"]}
function testCommandsByMailAreAudited() returns error? {
    email:SmtpClient smtp = check new (host, "ann@localhost", "any", port = 465);
    check smtp->send(username, "restart", "eve@example.com", "{\"command\": \"restart\", \"target\": \"db\"}");
    check smtp->send(username, "restart", "ann@localhost", "{\"command\": \"restart\", \"target\": \"api\"}");
    check smtp->send(username, "drain", "bob@localhost", "{\"command\": \"drain\", \"target\": \"node-3\"}");
    check smtp->send(username, "scale", "bob@localhost",
        "{\"command\": \"scale\", \"target\": \"web\", \"replicas\": 50}");
    // Commands are handled in order: once the second rejection is in, all four are.
    check waitUntil(function() returns boolean => audit.rejectedCount() == 2, "two rejected commands");
    int entries = audit.add({operator: "test", summary: "probe", accepted: true}) - 1;
    test:assertEquals(entries, 4, msg = "four decisions were audited");
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

import ballerina/email;
import ballerina/test;

@test:Config {}
function testTaggedCriticalAlert() {
    Alert alert = toAlert("[CRITICAL] db-01.prod: disk 95% full", "monitor@localhost");
    test:assertEquals(alert, {
        severity: "critical",
        host: "db-01.prod",
        summary: "disk 95% full",
        sender: "monitor@localhost"
    });
}

@test:Config {dataProvider: subjects}
function testSeverity(string subject, string severity, string host) {
    Alert alert = toAlert(subject, "grafana@localhost");
    test:assertEquals(alert.severity, severity);
    test:assertEquals(alert.host, host);
}

function subjects() returns map<[string, string, string]> {
    return {
        "warning": ["[WARNING] db-02: replication lag", "warning", "db-02"],
        "info": ["[INFO] web-1: deploy finished", "info", "web-1"],
        "resolved": ["RESOLVED: disk space on db-01", "resolved", ""],
        "untagged": ["weekly report", "info", ""],
        "padded": ["   [CRITICAL] lb-3: down   ", "critical", "lb-3"]
    };
}

@test:Config {}
function testResolvedSummaryDropsThePrefix() {
    test:assertEquals(toAlert("Resolved disk space on db-01", "monitor@localhost").summary, "disk space on db-01");
}

@test:Config {}
function testSeverityOfUnknownTag() {
    test:assertEquals(severityOf("CRITICAL"), "critical");
    test:assertEquals(severityOf("WARNING"), "warning");
    test:assertEquals(severityOf("DEBUG"), "info");
}

@test:Config {}
function testTrustAnchor() {
    test:assertEquals(trustAnchor(""), ());
    email:SecureSocket? socket = trustAnchor("certs/ca.crt");
    if socket is () {
        test:assertFail("a path gives a secure socket");
    } else {
        test:assertEquals(socket.cert, "certs/ca.crt");
        test:assertEquals(socket.verifyHostName, true, msg = "host names stay verified");
    }
}

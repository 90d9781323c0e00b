import ballerina/email;
import ballerina/lang.runtime;
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

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): alerts go in by SMTP, the page is read back from the on-call mailbox.
@test:Config {groups: ["e2e"]}
function testCriticalAlertPagesOnCall() returns error? {
    email:SmtpClient smtp = check new (host, "monitor@localhost", "any", port = smtpPort,
        security = email:START_TLS_ALWAYS);
    check smtp->sendMessage({to: username, 'from: "stranger@example.com",
        subject: "[CRITICAL] db-09: spoofed", body: "not from a monitor"});
    check smtp->sendMessage({to: username, 'from: "monitor@localhost",
        subject: "[CRITICAL] db-01: disk 97% full", body: "Only 3% left on /var."});
    email:Message page = check nextMessage(onCallAddress);
    test:assertEquals(page.subject, "CRITICAL db-01: disk 97% full");
    test:assertEquals(page.'from, username);
    test:assertTrue((page.body ?: "").includes("Reported by monitor@localhost."));
    test:assertTrue((page.body ?: "").includes("Only 3% left on /var."));
    test:assertEquals((page.headers ?: {})["X-Priority"], "1");
    // Alerts are handled in order: the spoofed one came first and paged nobody.
    email:ImapClient oncall = check new (host, onCallAddress, "any");
    test:assertEquals(check oncall->receiveMessage(timeout = 0), ());
}

// The oldest unread message of `account`, waiting up to 10 seconds for one to arrive.
function nextMessage(string account) returns email:Message|error {
    email:ImapClient mailbox = check new (host, account, "any");
    foreach int attempt in 0 ..< 100 {
        email:Message? message = check mailbox->receiveMessage(timeout = 0);
        if message is email:Message {
            return message;
        }
        runtime:sleep(0.1);
    }
    return error(string `no message for ${account} within 10 seconds`);
}

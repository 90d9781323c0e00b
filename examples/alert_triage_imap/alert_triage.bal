// Alert triage: monitoring systems mail alerts such as
//   "[CRITICAL] db-01: disk 97% full"  or  "RESOLVED: api latency"
// Only alerts from allowed senders are handled. Critical alerts are forwarded to
// the on-call address over SMTP (STARTTLS required), unless dry-run is enabled.
// The IMAP listener relies on the default security (SSL, port 993) and the system
// trust store; `port` and `certPath` point it at a server with a private CA.
import ballerina/email;
import ballerina/lang.regexp;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 993;
// PEM file of a private CA or self-signed server; "" trusts the system store.
configurable string certPath = "";
configurable string username = "alerts@localhost";
configurable string password = ?;
configurable string onCallAddress = "oncall@localhost";
configurable int smtpPort = 587;
configurable decimal pollingInterval = 20;
configurable int maxBodyLength = 2000;
configurable boolean dryRun = false;
configurable string[] allowedSenders = ["monitor@localhost", "grafana@localhost"];

type Severity "critical"|"warning"|"info"|"resolved";

type Alert record {|
    Severity severity;
    string host;
    string summary;
    string sender;
|};

final string:RegExp TAGGED = re `^\[(CRITICAL|WARNING|INFO)\]\s*([A-Za-z0-9.-]+):\s*(.+)$`;

listener email:ImapListener alertInbox = new ({
    host: host,
    username: username,
    password: password,
    pollingInterval: pollingInterval,
    port: port,
    secureSocket: trustAnchor(certPath)
});

function trustAnchor(string path) returns email:SecureSocket? => path == "" ? () : {cert: path};

service "alert-triage" on alertInbox {
    remote function onMessage(email:Message message) returns error? {
        string sender = (message?.'from ?: "").toLowerAscii();
        if allowedSenders.indexOf(sender) is () {
            log:printWarn("alert from unknown sender dropped", sender = sender);
            return;
        }
        Alert alert = toAlert(message.subject, sender);
        match alert {
            {severity: "critical"} => {
                check escalate(alert, message?.body ?: "");
            }
            {severity: "warning", host: var h} if h.startsWith("db-") => {
                log:printWarn("database warning", host = h, summary = alert.summary);
            }
            {severity: "resolved"} => {
                log:printInfo("alert resolved", summary = alert.summary);
            }
            _ => {
                log:printInfo("alert noted", severity = alert.severity, host = alert.host);
            }
        }
    }

    remote function onError(email:Error err) {
        log:printError("alert mailbox polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("alert triage stopped");
    }
}

function toAlert(string subject, string sender) returns Alert {
    string trimmed = subject.trim();
    if trimmed.toUpperAscii().startsWith("RESOLVED") {
        return {severity: "resolved", host: "", summary: trimmed.substring(8).trim(), sender};
    }
    regexp:Groups? groups = TAGGED.findGroups(trimmed);
    if groups is () || groups.length() < 4 {
        return {severity: "info", host: "", summary: trimmed, sender};
    }
    return {
        severity: severityOf(text(groups[1])),
        host: text(groups[2]),
        summary: text(groups[3]),
        sender
    };
}

function text(regexp:Span? span) returns string => span is () ? "" : span.substring();

function severityOf(string tag) returns Severity {
    match tag {
        "CRITICAL" => {
            return "critical";
        }
        "WARNING" => {
            return "warning";
        }
    }
    return "info";
}

function escalate(Alert alert, string body) returns error? {
    string excerpt = body.length() > maxBodyLength ? body.substring(0, maxBodyLength) + "..." : body;
    if dryRun {
        log:printInfo("dry run: would page on-call", host = alert.host, summary = alert.summary);
        return;
    }
    email:SmtpClient smtp = check new (host, username, password, port = smtpPort, security = email:START_TLS_ALWAYS);
    email:Message page = {
        to: onCallAddress,
        subject: string `CRITICAL ${alert.host}: ${alert.summary}`,
        'from: username,
        body: string `Reported by ${alert.sender}.

${excerpt}`,
        headers: {"X-Priority": "1"}
    };
    check smtp->sendMessage(page);
    log:printInfo("on-call paged", host = alert.host, to = onCallAddress);
}

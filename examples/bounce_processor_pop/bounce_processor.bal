// Bounce processor: reads delivery status notifications (bounces) from the
// mailbox that outgoing newsletters use as their return path, and decides per
// recipient whether the address should be suppressed (hard bounce, status 5.x.x)
// or retried later (soft bounce, status 4.x.x). POP3 with implicit TLS.
import ballerina/email;
import ballerina/lang.regexp;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 995;
configurable string username = "bounces@localhost";
configurable string password = ?;
configurable string certPath = "certs/server.crt";
// false only for a server whose certificate does not name `host` (a lab machine).
configurable boolean verifyHostName = true;
configurable int softBounceLimit = 3;

type Bounce record {|
    string recipient;
    string status;
    string diagnostic?;
|};

type NotABounce distinct error;
type MalformedBounce distinct error<record {|string missingField;|}>;

final string:RegExp RECIPIENT = re `(?i:final-recipient):\s*rfc822;\s*(\S+)`;
final string:RegExp STATUS = re `(?i:status):\s*([245]\.[0-9]{1,3}\.[0-9]{1,3})`;
final string:RegExp DIAGNOSTIC = re `(?i:diagnostic-code):\s*(.+)`;

map<int> softBounces = {};
string[] suppressed = [];

listener email:PopListener bounceInbox = check new ({
    host: host,
    username: username,
    password: password,
    port: port,
    security: email:SSL,
    secureSocket: {
        cert: certPath,
        protocol: {name: email:TLS, versions: ["TLSv1.3"]},
        verifyHostName: verifyHostName
    }
});

service "bounces" on bounceInbox {
    remote function onMessage(email:Message message) returns error? {
        Bounce|error bounce = parseBounce(message);
        if bounce is NotABounce {
            log:printDebug("skipping a message that is not a bounce", subject = message.subject);
            return;
        }
        if bounce is MalformedBounce {
            log:printWarn("malformed bounce", missing = bounce.detail().missingField, subject = message.subject);
            return;
        }
        Bounce b = check bounce;
        string action = decide(b);
        log:printInfo("bounce processed", recipient = b.recipient, status = b.status, action = action,
                diagnostic = b?.diagnostic);
    }

    remote function onError(email:Error err) {
        log:printError("bounce mailbox polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("bounce processor stopped", suppressedAddresses = suppressed.length());
    }
}

function parseBounce(email:Message message) returns Bounce|error {
    string contentType = (message?.contentType ?: "").toLowerAscii();
    string subject = message.subject.toLowerAscii();
    if !contentType.includes("report") && !subject.includes("undeliverable")
            && !subject.includes("delivery status notification") {
        return error NotABounce("not a delivery status notification");
    }
    string body = message?.body ?: "";
    string recipient = check firstGroup(RECIPIENT, body, "Final-Recipient");
    string status = check firstGroup(STATUS, body, "Status");
    Bounce bounce = {recipient: recipient.toLowerAscii(), status};
    string|error diagnostic = firstGroup(DIAGNOSTIC, body, "Diagnostic-Code");
    if diagnostic is string {
        bounce.diagnostic = diagnostic.trim();
    }
    return bounce;
}

function firstGroup(regexp:RegExp pattern, string text, string fieldName) returns string|MalformedBounce {
    regexp:Groups? groups = pattern.findGroups(text);
    if groups is regexp:Groups {
        regexp:Span? span = groups[1];
        if span is regexp:Span {
            return span.substring();
        }
    }
    return error MalformedBounce("field not found: " + fieldName, missingField = fieldName);
}

function decide(Bounce bounce) returns string {
    match bounce.status[0] {
        "5" => {
            suppress(bounce.recipient);
            return "suppressed";
        }
        "4" => {
            int count = (softBounces[bounce.recipient] ?: 0) + 1;
            softBounces[bounce.recipient] = count;
            if count >= softBounceLimit {
                suppress(bounce.recipient);
                return "suppressed after repeated soft bounces";
            }
            return string `retry later (${count}/${softBounceLimit})`;
        }
    }
    return "ignored";
}

function suppress(string address) {
    if suppressed.indexOf(address) is () {
        suppressed.push(address);
    }
    _ = softBounces.removeIfHasKey(address);
}

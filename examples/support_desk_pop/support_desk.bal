// Support desk: a POP3 listener declared inline on the service. Every e-mail
// becomes a ticket with a priority and tags derived from its subject, and the
// requester gets an acknowledgement over SMTP.
import ballerina/email;
import ballerina/log;

configurable string host = "localhost";
configurable int popPort = 995;
configurable int smtpPort = 465;
// PEM file of a private CA or self-signed server; "" trusts the system store.
configurable string certPath = "";
configurable string username = "support@localhost";
configurable string password = ?;
configurable boolean sendAcknowledgements = true;

enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}

type Ticket record {|
    string reference;
    string requester;
    string summary;
    Priority priority;
    string[] tags;
|};

service "support-desk" on new email:PopListener({
    host: host,
    username: username,
    password: password,
    port: popPort,
    pollingInterval: 15,
    security: email:SSL,
    secureSocket: trustAnchor(certPath)
}) {
    int lastTicket = 1000;

    remote function onMessage(email:Message message) returns error? {
        Ticket ticket = self.openTicket(message);
        log:printInfo("ticket opened", reference = ticket.reference, priority = ticket.priority,
                tags = ticket.tags, requester = ticket.requester);
        if sendAcknowledgements && ticket.requester != "" {
            check acknowledge(ticket);
        }
    }

    remote function onError(email:Error err) {
        log:printError("could not poll the support mailbox", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("support desk stopped", lastTicket = self.lastTicket, clean = err is ());
    }

    function openTicket(email:Message message) returns Ticket {
        self.lastTicket += 1;
        string subject = message.subject.trim();
        return {
            reference: string `SUP-${self.lastTicket}`,
            requester: message?.'from ?: "",
            summary: subject == "" ? "(no subject)" : subject,
            priority: classify(subject, message?.headers),
            tags: tagsFor(subject)
        };
    }
}

function classify(string subject, map<string>? headers) returns Priority {
    string lowered = subject.toLowerAscii();
    string importance = headers is map<string> ? (headers["Importance"] ?: "") : "";
    if lowered.startsWith("[urgent]") || lowered.includes("outage") {
        return URGENT;
    } else if importance.toLowerAscii() == "high" || lowered.includes("asap") {
        return HIGH;
    } else if lowered.startsWith("fyi") {
        return LOW;
    }
    return NORMAL;
}

function tagsFor(string subject) returns string[] {
    string[] tags = [];
    foreach string word in re `[^a-z0-9]+`.split(subject.toLowerAscii()) {
        string tag = "";
        match word {
            "password"|"login"|"2fa"|"locked" => {
                tag = "access";
            }
            "invoice"|"refund"|"billing"|"charge" => {
                tag = "billing";
            }
            "crash"|"error"|"bug"|"broken" => {
                tag = "defect";
            }
        }
        if tag != "" && tags.indexOf(tag) is () {
            tags.push(tag);
        }
    }
    return tags;
}

function acknowledge(Ticket ticket) returns error? {
    email:SmtpClient smtp = check new (host, username, password, port = smtpPort,
        secureSocket = trustAnchor(certPath));
    string body = string `Hello,

we received your request "${ticket.summary}" and filed it as ${ticket.reference}.
Priority: ${ticket.priority}. Reply to this e-mail to add details.`;
    check smtp->send(ticket.requester, string `[${ticket.reference}] ${ticket.summary}`, username, body);
}

function trustAnchor(string path) returns email:SecureSocket? => path == "" ? () : {cert: path};

// Ticket routing: every e-mail in an IMAP inbox becomes a ticket in a downstream
// ticket system (a JSON POST to its HTTP API), and the sender is told the ticket
// number by SMTP. The handler runs in balmail's sandbox, so `balmail run` needs
// --allow-net for the API host and the SMTP host (`balmail lint` lists them).
import ballerina/email;
import ballerina/http;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 993;
configurable string username = "support@localhost";
configurable string password = ?;
configurable string certPath = "certs/server.crt";
configurable string ticketApi = "https://tickets.localhost/api";
configurable string apiToken = ?;
configurable string apiCertPath = "certs/server.crt";
configurable string smtpHost = "localhost";
configurable int smtpPort = 465;
configurable string replyFrom = "support@localhost";

type Ticket record {|
    string subject;
    string requester;
    string body;
    string priority;
    string[] labels;
|};

type Created record {
    int id;
};

// Not `final`: the tests replace it with a mock (`test:mock(http:Client)`), as Ballerina's docs show.
http:Client tickets = check new (ticketApi, {
    timeout: 10,
    auth: {token: apiToken},
    secureSocket: {cert: apiCertPath},
    retryConfig: {count: 2, interval: 0.5, backOffFactor: 2.0, statusCodes: [502, 503, 504]}
});

listener email:ImapListener inbox = check new ({
    host: host,
    port: port,
    username: username,
    password: password,
    pollingInterval: 15,
    secureSocket: {cert: certPath}
});

service "ticket-router" on inbox {
    remote function onMessage(email:Message message) returns error? {
        Ticket ticket = toTicket(message);
        Created created = check tickets->post("/tickets", ticket, targetType = Created);
        log:printInfo("ticket created", id = created.id, priority = ticket.priority);
        if ticket.requester != "" {
            check confirm(ticket, created.id);
        }
    }

    remote function onError(email:Error err) {
        log:printError("could not route a message", 'error = err);
    }
}

function toTicket(email:Message message) returns Ticket {
    string subject = message.subject.trim();
    string lowered = subject.toLowerAscii();
    string priority = lowered.includes("urgent") || lowered.includes("down") ? "high" : "normal";
    string[] labels = from string word in ["billing", "login", "invoice", "outage"]
        where lowered.includes(word)
        select word;
    return {
        subject: subject,
        requester: message.'from ?: "",
        body: message.body ?: "",
        priority: priority,
        labels: labels
    };
}

function confirm(Ticket ticket, int id) returns error? {
    email:SmtpClient smtp = check new (smtpHost, username, password, port = smtpPort,
        secureSocket = {cert: certPath});
    check smtp->sendMessage({
        to: ticket.requester,
        subject: string `[#${id}] ${ticket.subject}`,
        'from: replyFrom,
        body: string `Thank you. Your request is ticket #${id} (priority ${ticket.priority}).`,
        headers: {"X-Ticket-Id": id.toString()}
    });
}

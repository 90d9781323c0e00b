import ballerina/email;
import ballerina/http;
import ballerina/lang.runtime;
import ballerina/test;

@test:Config {}
function testUrgentOutageTicket() {
    email:Message message = {
        to: "support@localhost",
        'from: "ann@example.com",
        subject: "  URGENT: login outage  ",
        body: "Nobody can log in."
    };
    Ticket ticket = toTicket(message);
    test:assertEquals(ticket, {
        subject: "URGENT: login outage",
        requester: "ann@example.com",
        body: "Nobody can log in.",
        priority: "high",
        labels: ["login", "outage"]
    });
}

@test:Config {}
function testNormalTicketWithoutSenderOrBody() {
    Ticket ticket = toTicket({to: "support@localhost", subject: "Billing address change"});
    test:assertEquals(ticket.priority, "normal");
    test:assertEquals(ticket.labels, ["billing"]);
    test:assertEquals(ticket.requester, "");
    test:assertEquals(ticket.body, "");
}

@test:Config {}
function testServerDownIsHighPriority() {
    test:assertEquals(toTicket({to: "support@localhost", subject: "server down"}).priority, "high");
}

// End to end (`balmail test` runs the listener against embedded mail servers and redirects every
// client there): the ticket API is a mock (`test:mock`), the mail is real. A message goes in by SMTP;
// the confirmation with the API's ticket number is read from the requester's mailbox.
@test:Config {groups: ["e2e"]}
function testAMessageBecomesATicketAndIsConfirmed() returns error? {
    tickets = test:mock(http:Client);
    test:prepare(tickets).when("post").thenReturn({id: 4711});
    email:SmtpClient smtp = check new (smtpHost, "kim@example.com", "any", port = smtpPort);
    check smtp->sendMessage({to: username, 'from: "kim@example.com", subject: "Login down since 9:00",
        body: "Nobody can log in."});
    email:Message confirmation = check nextMessage("kim@example.com");
    test:assertEquals(confirmation.subject, "[#4711] Login down since 9:00");
    test:assertEquals(confirmation.'from, replyFrom);
    test:assertEquals((confirmation.headers ?: {})["X-Ticket-Id"], "4711");
    test:assertTrue((confirmation.body ?: "").includes("(priority high)"), msg = confirmation.body ?: "");
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

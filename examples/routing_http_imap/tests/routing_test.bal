import ballerina/email;
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

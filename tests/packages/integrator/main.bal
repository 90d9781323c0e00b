import ballerina/email;
import ballerina/log;

service on supportInbox {
    remote function onMessage(email:Message message) {
        Ticket ticket = toTicket(message);
        log:printInfo("ticket opened", reference = ticket.reference, priority = ticket.priority,
                sender = ticket.sender);
    }

    remote function onError(email:Error err) {
        log:printError("support inbox unreachable", 'error = err);
    }
}

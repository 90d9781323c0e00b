import ballerina/email;
import mail_triage.triage;

isolated int lastTicket = 1000;

isolated function nextReference() returns string {
    lock {
        lastTicket += 1;
        return string `${referencePrefix}-${lastTicket}`;
    }
}

function toTicket(email:Message message) returns Ticket {
    return {
        reference: nextReference(),
        priority: triage:priorityOf(message.subject),
        sender: message.'from ?: "unknown"
    };
}

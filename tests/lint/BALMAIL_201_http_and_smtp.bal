// BALMAIL_201: a handler that posts to an HTTP API and answers by SMTP needs --allow-net for both hosts.
import ballerina/email;
import ballerina/http;

configurable string username = ?;
configurable string password = ?;
configurable string ticketApi = "https://tickets.example.com/api";

final http:Client tickets = check new (ticketApi, {timeout: 10});

service "router" on new email:ImapListener({host: "imap.example.com", username, password}) {
    remote function onMessage(email:Message message) returns error? { // balmail:ignore EMAIL_107
        json created = check tickets->post("/tickets", {subject: message.subject});
        email:SmtpClient smtp = check new ("smtp.example.com", username, password, port = 587,
            security = email:START_TLS_ALWAYS);
        check smtp->send(message.'from ?: "", "Re: " + message.subject, username, created.toJsonString());
    }
}

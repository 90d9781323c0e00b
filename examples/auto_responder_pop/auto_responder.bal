// Auto-responder: answers every e-mail that reaches a POP3 mailbox with a short
// acknowledgement sent by SMTP, threaded under the original (In-Reply-To,
// References) and marked `Auto-Submitted: auto-replied` (RFC 3834). Mail that
// is itself automatic (bounces, lists, other auto-replies) gets no answer, so
// two responders never loop. Needs `--allow-net` for the SMTP host.
import ballerina/email;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 995;
configurable string username = "helpdesk@localhost";
configurable string password = ?;
configurable string certPath = "certs/server.crt";
configurable string smtpHost = "localhost";
configurable int smtpPort = 465;
configurable string replyFrom = "helpdesk@localhost";
configurable string officeHours = "Monday to Friday, 9:00-17:00";

final email:SmtpClient smtp = check new (smtpHost, username, password, port = smtpPort,
    secureSocket = {cert: certPath});

service "auto-responder" on new email:PopListener({
    host: host,
    port: port,
    username: username,
    password: password,
    pollingInterval: 30,
    secureSocket: {cert: certPath}
}) {
    remote function onMessage(email:Message message) returns error? {
        string sender = message.'from ?: "";
        string? reason = skipReason(message, sender);
        if reason is string {
            log:printInfo("no auto-reply", subject = message.subject, reason = reason);
            return;
        }
        check smtp->sendMessage(reply(message, sender));
        log:printInfo("auto-reply sent", to = sender, subject = message.subject);
    }

    remote function onError(email:Error err) {
        log:printError("auto-responder failed", 'error = err);
    }
}

function skipReason(email:Message message, string sender) returns string? {
    map<string> headers = message.headers ?: {};
    string autoSubmitted = (headers["Auto-Submitted"] ?: "no").toLowerAscii();
    string precedence = (headers["Precedence"] ?: "").toLowerAscii();
    string lowered = sender.toLowerAscii();
    if sender == "" {
        return "no sender";
    }
    if autoSubmitted != "no" {
        return "automatic message";
    }
    if precedence == "bulk" || precedence == "list" || precedence == "junk" {
        return "bulk or list mail";
    }
    if lowered.startsWith("mailer-daemon") || lowered.includes("noreply") || lowered.includes("no-reply") {
        return "sender does not read replies";
    }
    return ();
}

function reply(email:Message message, string sender) returns email:Message {
    map<string> headers = {"Auto-Submitted": "auto-replied"};
    string? messageId = (message.headers ?: {})["Message-ID"];
    if messageId is string {
        headers["In-Reply-To"] = messageId;
        headers["References"] = messageId;
    }
    string subject = message.subject.toLowerAscii().startsWith("re:") ? message.subject
        : "Re: " + message.subject;
    return {
        to: sender,
        subject: subject,
        'from: replyFrom,
        body: string `Hello,

we received your message "${message.subject}" and will answer within one working day.
Our office hours are ${officeHours}.

This is an automatic reply.`,
        headers: headers
    };
}

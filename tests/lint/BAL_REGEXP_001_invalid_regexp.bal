import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = new ({
    host: "pop.example.com",
    username,
    password
});

service "support" on inbox {
    remote function onMessage(email:Message message) {
        string:RegExp ticket = re `TICKET-[0-9+`;
        string:RegExp word = re `\bhelp\b`;
        string:RegExp script = re `\p{sc=Latin}+\p{gc=Lu}\P{Nd}`;
        if ticket.isFullMatch(message.subject) || word.isFullMatch(message.subject)
                || script.isFullMatch(message.subject) {
            log:printInfo("ticket");
        }
    }

    remote function onError(email:Error emailError) {
        log:printError("error", 'error = emailError);
    }
}

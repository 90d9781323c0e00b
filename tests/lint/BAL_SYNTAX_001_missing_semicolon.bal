// BAL_SYNTAX_001: a syntax error stops the lint rules; only the parser's finding is shown.
import ballerina/email;
import ballerina/log;

listener email:PopListener inbox = check new ({host: "pop.example.com", username: "u", password: "p"})

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("received", subject = message.subject);
    }
}

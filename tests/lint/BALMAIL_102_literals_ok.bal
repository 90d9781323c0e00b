// No finding: an int literal is a valid decimal, a string naming a mode is a valid email:Security.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
const decimal INTERVAL = 45;

listener email:PopListener inbox = check new ({
    host: "pop.example.com",
    username,
    password,
    pollingInterval: INTERVAL,
    port: 995,
    security: "SSL"
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

// No finding: an int literal is a valid decimal, a string naming a mode is a valid email:Security, and a
// type alias is not second-guessed.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
const decimal INTERVAL = 45;

type Port int;

configurable Port popPort = 995;

listener email:PopListener inbox = check new ({
    host: "pop.example.com",
    username,
    password,
    pollingInterval: INTERVAL,
    port: popPort,
    security: "SSL"
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

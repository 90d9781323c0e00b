// BAL_NAME_002 and BAL_NAME_001: names the imported modules do not define.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({
    host: "pop.example.com",
    username,
    password,
    security: email:START_TLS_SOMETIMES
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfoo("received", subject = message.subject);
    }
}

// BALMAIL_106: STARTTLS on POP3's implicit-TLS port (995 is also the default port).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:PopListener inbox = check new ({
    host: "pop.example.com",
    username,
    password,
    security: email:START_TLS_ALWAYS
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

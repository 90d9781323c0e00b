// BALMAIL_114: polling a remote server every 2 seconds (fine against localhost).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({
    host: "imap.example.com",
    username,
    password,
    pollingInterval: 2
});
listener email:ImapListener local = check new ({host: "localhost", username, password, pollingInterval: 1});

service "inbox" on inbox, local {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

// EMAIL_107: the plugin refuses any declared return type, `error?` included; balmail runs such a handler
// and reads a returned error as "do not acknowledge, retry" (the help note says so).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) returns error? {
        if message.subject == "" {
            return error("no subject: retry later");
        }
        log:printInfo(message.subject);
    }
}

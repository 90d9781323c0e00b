// BAL_TYPE_114: a class includes an object type without implementing its method.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

type Filter object {
    function accepts(email:Message message) returns boolean;
};

class SpamFilter {
    *Filter;
}

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}

// BAL_TYPE_111: a value of the bare `function` type cannot be called.
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

function notify() {
    log:printInfo("new mail");
}

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        function callback = notify;
        callback();
    }
}

// A listener that keeps what it handled and answers every message: the tests of this package
// drive it end to end through the embedded mail servers `balmail test` starts.
import ballerina/email;
import ballerina/io;

configurable string host = "mail.example.org";
configurable string username = "inbox@example.org";
configurable string password = "secret";

string[] handled = [];

final email:SmtpClient smtp = check new (host, username, password);

listener email:ImapListener inbox = new ({
    host: host,
    username: username,
    password: password,
    pollingInterval: 60
});

service "inbox" on inbox {
    remote function onMessage(email:Message message) returns error? {
        if message.subject.startsWith("fail") {
            return error("cannot handle " + message.subject);
        }
        lock {
            handled.push(message.subject);
        }
        io:println("handled: ", message.subject);
        string sender = message.'from ?: "";
        check smtp->sendMessage({to: sender, 'from: username, subject: "Re: " + message.subject, body: "Thanks."});
    }

    remote function onError(email:Error err) {
        io:println("onError: ", err.message());
    }

    remote function onClose(email:Error? closeError) {
        io:println("closed");
    }
}

function handledCount() returns int {
    lock {
        return handled.length();
    }
}

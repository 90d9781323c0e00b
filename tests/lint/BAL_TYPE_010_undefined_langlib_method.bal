// BAL_TYPE_010: a lang library function that does not exist, called as a method (misspelt, or from
// another language: strings have no `split`, lists no `add`).
import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        string subject = message.subject;
        int size = subject.lenght();
        string[] words = [];
        words.add(subject.toLowerAscii());
        log:printInfo("received", size = size, words = words);
    }
}

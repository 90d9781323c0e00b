// Mailing-list digest: counts messages per mailing list (by the List-Id header)
// on an internal IMAP server and logs a digest when the listener closes.
//
// DELIBERATE: this example uses `email:START_TLS_AUTO`, which upgrades with
// STARTTLS only when the server offers it. An attacker who strips the offer
// silently downgrades the connection to plaintext, so balmail warns about it;
// prefer `email:START_TLS_ALWAYS` or `email:SSL` outside a lab.
import ballerina/email;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 143;
// PEM file of a private CA or self-signed server, used once STARTTLS is on;
// "" trusts the system store.
configurable string certPath = "";
configurable string username = "lists@localhost";
configurable string password = ?;
configurable int digestEvery = 25;

isolated map<int> perList = {};
isolated int totalMessages = 0;

listener email:ImapListener listInbox = new ({
    host: host,
    username: username,
    password: password,
    port: port,
    pollingInterval: 120,
    security: email:START_TLS_AUTO,
    secureSocket: certPath == "" ? () : {cert: certPath}
});

service "list-digest" on listInbox {
    remote function onMessage(email:Message message) {
        string listId = listIdOf(message);
        int seen = countMessage(listId);
        if seen % digestEvery == 0 {
            log:printInfo("digest", lists = digest());
        }
    }

    remote function onError(email:Error err) {
        log:printError("list mailbox polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("final digest", lists = digest(), closedWithError = err is email:Error);
    }
}

function listIdOf(email:Message message) returns string {
    map<string> headers = message?.headers ?: {};
    string? raw = headers["List-Id"] ?: headers["list-id"];
    if raw is () {
        return "(direct)";
    }
    // "Ballerina users <users.ballerina.example>" -> "users.ballerina.example"
    int? open = raw.indexOf("<");
    int? close = raw.lastIndexOf(">");
    if open is int && close is int && close > open {
        return raw.substring(open + 1, close);
    }
    return raw.trim();
}

isolated function countMessage(string listId) returns int {
    lock {
        perList[listId] = (perList[listId] ?: 0) + 1;
    }
    lock {
        totalMessages += 1;
        return totalMessages;
    }
}

isolated function snapshot() returns map<int> {
    lock {
        return perList.clone();
    }
}

function digest() returns string {
    string[] parts = from [string, int] [name, count] in snapshot().entries()
        order by count descending, name ascending
        select string `${name}=${count}`;
    return string:'join(", ", ...parts);
}

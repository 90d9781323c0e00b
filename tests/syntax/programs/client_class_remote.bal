// construct: client class with remote methods and the remote method call action (obj->method(...))
import ballerina/io;

client class OutboxClient {
    private string[] sent = [];
    private final string sender;

    function init(string sender) {
        self.sender = sender;
    }

    remote function send(string to, string subject) returns string|error {
        if to.indexOf("@") is () {
            return error("invalid recipient " + to);
        }
        self.sent.push(subject);
        return string `${self.sender} -> ${to}: ${subject}`;
    }

    remote function sentCount() returns int {
        return self.sent.length();
    }
}

public function main() returns error? {
    OutboxClient outbox = new ("noreply@example.com");
    string receipt = check outbox->send("ops@example.com", "Daily report");
    string|error bad = outbox->send("nobody", "Lost");
    int total = outbox->sentCount();
    io:println(receipt);
    io:println(bad is error ? bad.message() : bad, " sent=", total);
}

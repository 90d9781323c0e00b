import ballerina/email;
import ballerina/log;
import ballerina/io;

configurable string host = "imap.example.com";
configurable string username = ?;
configurable string password = ?;

type Order record {|
    string id;
    int quantity;
    decimal price;
|};

listener email:ImapListener inbox = new ({
    host: host,
    username: username,
    password: password,
    pollingInterval: 30
});

function parseOrder(string body) returns Order|error {
    string[] parts = re `,`.split(body.trim());
    if parts.length() != 3 {
        return error("bad order line: " + body);
    }
    int qty = check int:fromString(parts[1]);
    decimal price = check decimal:fromString(parts[2]);
    return {id: parts[0], quantity: qty, price: price};
}

service "orders" on inbox {
    remote function onMessage(email:Message message) {
        string body = message.body ?: "";
        Order|error o = parseOrder(body);
        if o is error {
            log:printError("could not parse", 'error = o);
            return;
        }
        foreach int i in 0 ..< o.quantity {
            io:println(string `item ${i} of ${o.id}`);
        }
        map<string> headers = {subject: message.subject, 'from: message.'from ?: ""};
        log:printInfo("order", id = o.id, total = o.price * <decimal>o.quantity);
    }

    remote function onError(email:Error err) {
        log:printError("mailbox error", 'error = err);
    }
}

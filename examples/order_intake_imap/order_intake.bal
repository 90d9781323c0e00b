// Order intake: watches an IMAP mailbox for purchase orders and turns each
// e-mail into an Order record. Subjects look like "Order #AB-12345"; every body
// line of the form "SKU-123 x 4" is one order line.
import ballerina/email;
import ballerina/lang.regexp;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 993;
configurable string username = "orders@localhost";
configurable string password = ?;
configurable decimal pollingInterval = 10;
configurable string certPath = "certs/server.crt";
// false only for a server whose certificate does not name `host` (a lab machine).
configurable boolean verifyHostName = true;

type OrderLine record {|
    string sku;
    int quantity;
|};

type Order record {|
    string id;
    string customer;
    OrderLine[] lines;
|};

final string:RegExp ORDER_SUBJECT = re `(?i:order)\s+#?([A-Z]{2}-[0-9]{4,8})`;
final string:RegExp ORDER_LINE = re `([A-Z0-9-]+)\s*[xX]\s*([0-9]+)`;

isolated int ordersAccepted = 0;

listener email:ImapListener orderInbox = check new ({
    host: host,
    username: username,
    password: password,
    pollingInterval: pollingInterval,
    port: port,
    security: email:SSL,
    secureSocket: {
        cert: certPath,
        protocol: {name: email:TLS, versions: ["TLSv1.2", "TLSv1.3"]},
        ciphers: ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"],
        verifyHostName: verifyHostName
    }
});

service "orders" on orderInbox {
    remote function onMessage(email:Message message) returns error? {
        string? orderId = extractOrderId(message.subject);
        if orderId is () {
            log:printWarn("ignoring message without an order number", subject = message.subject);
            return;
        }
        Order purchase = {
            id: orderId,
            customer: senderOf(message),
            lines: check parseLines(message?.body ?: "")
        };
        int items = from var {quantity} in purchase.lines
            collect sum(quantity);
        int accepted = countAccepted();
        log:printInfo("order accepted", orderId = purchase.id, customer = purchase.customer,
                lines = purchase.lines.length(), items = items, acceptedSoFar = accepted);
    }

    remote function onError(email:Error err) {
        log:printError("polling the order mailbox failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        if err is email:Error {
            log:printError("order mailbox closed with an error", 'error = err);
        } else {
            log:printInfo("order mailbox closed");
        }
    }
}

function extractOrderId(string subject) returns string? {
    regexp:Groups? groups = ORDER_SUBJECT.findGroups(subject);
    if groups is () {
        return ();
    }
    regexp:Span? id = groups[1];
    return id is () ? () : id.substring();
}

function senderOf(email:Message message) returns string {
    string? sender = message?.'from;
    return sender is string ? sender.trim() : "unknown";
}

function parseLines(string body) returns OrderLine[]|error {
    OrderLine[] lines = [];
    foreach string line in re `\r?\n`.split(body) {
        regexp:Groups? groups = ORDER_LINE.findGroups(line.trim());
        if groups is () {
            continue;
        }
        regexp:Span? sku = groups[1];
        regexp:Span? quantity = groups[2];
        if sku is regexp:Span && quantity is regexp:Span {
            lines.push({sku: sku.substring(), quantity: check int:fromString(quantity.substring())});
        }
    }
    if lines.length() == 0 {
        return error("the order e-mail has no order lines");
    }
    return lines;
}

function countAccepted() returns int {
    lock {
        ordersAccepted += 1;
        return ordersAccepted;
    }
}

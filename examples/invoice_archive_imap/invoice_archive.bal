// Invoice archive: the IMAP listener configuration lives in its own variable and
// the listener upgrades a plain connection with STARTTLS (START_TLS_ALWAYS, so a
// server that does not offer STARTTLS is refused). Each invoice e-mail carries
// "Invoice:", "Amount:" and "Vendor:" lines; large amounts are flagged.
import ballerina/email;
import ballerina/log;

configurable string host = "localhost";
configurable int port = 143;
configurable string username = "invoices@localhost";
configurable string password = ?;
configurable string caCertPath = "certs/ca.crt";
// TLS 1.2 suites the server may pick; ECDHE_RSA for an RSA server key (use the
// TLS_ECDHE_ECDSA_... names for an EC key).
configurable string[] ciphers = [
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
];
configurable boolean verifyHostName = true;
configurable decimal approvalThreshold = 25000;

type Invoice readonly & record {|
    string number;
    string vendor;
    decimal amount;
    string currency;
|};

type InvoiceError distinct error<record {|string subject;|}>;

final email:ImapListenerConfiguration inboxConfig = {
    host: host,
    username: username,
    password: password,
    port: port,
    pollingInterval: 30,
    security: email:START_TLS_ALWAYS,
    secureSocket: {
        cert: caCertPath,
        protocol: {
            name: email:TLS,
            versions: ["TLSv1.2", "TLSv1.3"]
        },
        ciphers: ciphers,
        verifyHostName: verifyHostName
    }
};

listener email:ImapListener invoiceInbox = check new (inboxConfig);

service "invoices" on invoiceInbox {
    remote function onMessage(email:Message message) {
        do {
            Invoice invoice = check parseInvoice(message);
            if invoice.amount > approvalThreshold {
                log:printWarn("invoice needs approval", number = invoice.number, vendor = invoice.vendor,
                        amount = invoice.amount, currency = invoice.currency);
            } else {
                log:printInfo("invoice archived", number = invoice.number, vendor = invoice.vendor,
                        amount = invoice.amount, currency = invoice.currency);
            }
        } on fail InvoiceError e {
            log:printError("rejected invoice e-mail", 'error = e, subject = e.detail().subject);
        }
    }

    remote function onError(email:Error err) {
        log:printError("invoice mailbox polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("invoice archive stopped");
    }
}

function fieldsOf(string body) returns map<string> {
    map<string> fields = {};
    foreach string line in re `\r?\n`.split(body) {
        int? colon = line.indexOf(":");
        if colon is int && colon > 0 {
            string name = line.substring(0, colon).trim().toLowerAscii();
            fields[name] = line.substring(colon + 1).trim();
        }
    }
    return fields;
}

function parseInvoice(email:Message message) returns Invoice|InvoiceError {
    string? body = message?.body;
    if body is () {
        return error InvoiceError("invoice e-mail has no text body", subject = message.subject);
    }
    map<string> fields = fieldsOf(body);
    string? number = fields["invoice"];
    if number is () {
        return error InvoiceError("missing 'Invoice:' line", subject = message.subject);
    }
    string? amountText = fields["amount"];
    if amountText is () {
        return error InvoiceError("missing 'Amount:' line", subject = message.subject);
    }
    string digits = re `[^0-9.]`.replaceAll(amountText, "");
    string currency = re `[^A-Z]`.replaceAll(amountText, "");
    decimal|error amount = decimal:fromString(digits);
    if amount is error {
        return error InvoiceError("amount is not a number: " + amountText, amount, subject = message.subject);
    }
    return {
        number: number,
        vendor: fields["vendor"] ?: "unknown vendor",
        amount: amount,
        currency: currency == "" ? "EUR" : currency
    };
}

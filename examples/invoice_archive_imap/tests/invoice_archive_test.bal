import ballerina/email;
import ballerina/test;

function invoiceMail(string? body) returns email:Message {
    email:Message message = {to: "invoices@localhost", subject: "Invoice from ACME"};
    if body is string {
        message.body = body;
    }
    return message;
}

@test:Config {}
function testFieldsOfIgnoresLinesWithoutAName() {
    map<string> fields = fieldsOf("Invoice: INV-7\r\nVendor : ACME GmbH\nno colon here\n: orphan value\n");
    test:assertEquals(fields, {"invoice": "INV-7", "vendor": "ACME GmbH"});
}

@test:Config {}
function testParsesAnInvoice() returns error? {
    Invoice invoice = check parseInvoice(invoiceMail("Invoice: INV-2024-001\nVendor: ACME\nAmount: 1,250.50 USD\n"));
    test:assertEquals(invoice, {number: "INV-2024-001", vendor: "ACME", amount: 1250.50d, currency: "USD"});
}

@test:Config {}
function testDefaultsForVendorAndCurrency() returns error? {
    Invoice invoice = check parseInvoice(invoiceMail("Invoice: 17\nAmount: 99.90\n"));
    test:assertEquals(invoice.vendor, "unknown vendor");
    test:assertEquals(invoice.currency, "EUR");
}

@test:Config {dataProvider: badInvoices}
function testRejectedInvoices(string? body, string message) {
    Invoice|InvoiceError result = parseInvoice(invoiceMail(body));
    if result is InvoiceError {
        test:assertEquals(result.message(), message);
        test:assertEquals(result.detail().subject, "Invoice from ACME");
    } else {
        test:assertFail("expected an InvoiceError");
    }
}

function badInvoices() returns map<[string?, string]> {
    return {
        "no body": [(), "invoice e-mail has no text body"],
        "no number": ["Amount: 10 EUR", "missing 'Invoice:' line"],
        "no amount": ["Invoice: 5", "missing 'Amount:' line"],
        "bad amount": ["Invoice: 5\nAmount: ten euros", "amount is not a number: ten euros"]
    };
}

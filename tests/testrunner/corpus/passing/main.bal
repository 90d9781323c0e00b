import ballerina/io;

type Order record {|
    string id;
    int quantity;
    decimal price;
|};

function total(Order o) returns decimal {
    return <decimal>o.quantity * o.price;
}

function classify(string subject) returns string {
    string s = subject.toLowerAscii();
    if s.includes("invoice") {
        return "billing";
    }
    if s.includes("urgent") {
        return "priority";
    }
    return "general";
}

function exchangeRate(string currency) returns decimal {
    return currency == "EUR" ? 1.1d : 1d;
}

function inEuro(decimal amount) returns decimal {
    return amount * exchangeRate("EUR");
}

function greeting(string name) returns string {
    return "Hello, " + name;
}

public function main() {
    io:println(classify("Invoice 42"));
}

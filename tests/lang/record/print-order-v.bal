// The order a record's fields print in: the record type's fields in the type's order — its own fields,
// then the fields of its type inclusions — whatever order a constructor gave them in or when they were
// added; other (rest) fields after them, computed keys last (docs/patterns.md, "Record field order").
import ballerina/io;

type Account record {|
    string owner;
    string currency = "EUR";
    decimal balance;
    string note?;
|};

type Audited record {|
    *Account;
    string auditor;
|};

type Tagged record {
    string label;
    int weight = 1;
};

public function main() returns error? {
    Account a = {balance: 10.5, owner: "ann"};
    io:println(a); // @output {"owner":"ann","currency":"EUR","balance":10.5}
    a.note = "new";
    io:println(a); // @output {"owner":"ann","currency":"EUR","balance":10.5,"note":"new"}

    Audited b = {owner: "bob", balance: 1, auditor: "eve"};
    io:println(b); // @output {"auditor":"eve","owner":"bob","currency":"EUR","balance":1}

    json j = {balance: 2.5, owner: "cy"};
    Account c = check j.cloneWithType();
    io:println(c.toJsonString()); // @output {"owner":"cy", "currency":"EUR", "balance":2.5}

    string key = "colour";
    Tagged t = {[key]: "red", "size": 3, label: "box"};
    io:println(t); // @output {"label":"box","weight":1,"size":3,"colour":"red"}
    t["extra"] = true;
    io:println(t.toBalString()); // @output {"label":"box","weight":1,"size":3,"colour":"red","extra":true}
}

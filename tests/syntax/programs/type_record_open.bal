// construct: open record type descriptors, extra fields through string-literal keys and member access
import ballerina/io;

type Header record {
    string name;
    string value;
};

type Contact record {
    string address;
    string displayName?;
};

public function main() {
    Header h = {name: "Subject", value: "Hi", "folded": false};
    h["received"] = "2024-01-01";
    Contact c = {address: "a@example.com"};
    anydata extra = h["folded"];
    io:println(h.name, "=", h.value, " extra=", extra, " all=", h);
    io:println(c.address, " keys=", c.keys());
}

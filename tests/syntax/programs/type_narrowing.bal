// construct: type narrowing — if/else with is, early return, && chains, narrowing of optional and union variables
import ballerina/io;

function describe(string|int|() value) returns string {
    if value is () {
        return "nil";
    }
    if value is int {
        return "int " + (value + 1).toString();
    }
    return "string of length " + value.length().toString();
}

function firstRecipient(string|string[] to) returns string {
    if to is string[] && to.length() > 0 {
        return to[0];
    } else if to is string {
        return to;
    }
    return "(none)";
}

public function main() {
    io:println(describe(()), ", ", describe(41), ", ", describe("abc"));
    io:println(firstRecipient("a@x.org"), ", ", firstRecipient(["b@x.org", "c@x.org"]), ", ", firstRecipient([]));
}

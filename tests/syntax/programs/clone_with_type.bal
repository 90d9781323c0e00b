// construct: converting data with cloneWithType / ensureType / fromJsonStringWithType and inferred typedesc arguments
import ballerina/io;

type Ticket record {|
    string id;
    int priority;
    string[] tags = [];
|};

public function main() returns error? {
    json raw = {id: "T-1", priority: 2, tags: ["mail"]};
    Ticket ticket = check raw.cloneWithType();
    Ticket other = check raw.cloneWithType(Ticket);
    Ticket parsed = check "{\"id\": \"T-2\", \"priority\": 1}".fromJsonStringWithType();
    anydata value = 5;
    int n = check value.ensureType();
    map<anydata> generic = {id: "T-3", priority: "high"};
    Ticket|error bad = generic.cloneWithType();
    io:println(ticket.id, " ", other.priority, " ", parsed, " ", n, " ", bad is error);
}

// BAL_TYPE_001: record values where Ballerina's structural subtyping accepts them, and finite types.
import ballerina/log;

type Ticket record {|
    string id;
    string subject;
|};

type Draft record {
    string id;
    string subject;
};

type Summary record {|
    string id;
    string subject?;
|};

type Priority "low"|"normal"|"high";

const HIGH = "high";

public function main() {
    Ticket ticket = {id: "1", subject: "hello"};
    Draft draft = ticket;
    Summary summary = ticket;
    Priority priority = HIGH;
    Priority fallback = "low";
    log:printInfo("records", draft = draft, summary = summary, priority = priority, fallback = fallback);
}

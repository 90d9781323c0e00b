// BAL_TYPE_001: one record type given where another is wanted (a field of another type, an open record
// for a closed one, a missing required field).
import ballerina/log;

type Ticket record {|
    string id;
    string subject;
|};

type Draft record {
    string id;
    string subject;
};

type Numbered record {|
    int id;
    string subject;
|};

type Note record {|
    string id;
|};

public function main() {
    Draft draft = {id: "1", subject: "hello"};
    Ticket ticket = draft;
    Numbered numbered = ticket;
    Note note = {id: "2"};
    Ticket fromNote = note;
    log:printInfo("records", ticket = ticket, numbered = numbered, fromNote = fromNote);
}

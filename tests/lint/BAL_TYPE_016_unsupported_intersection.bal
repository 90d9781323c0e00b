// BAL_TYPE_016: an intersection without readonly whose members share no value.
import ballerina/email;

type Ticket record {|
    string id;
|};

type Code int & Ticket;

function route(email:Message & Ticket m) {
    _ = m;
}

function keep(readonly & Ticket t) returns string {
    return t.id;
}

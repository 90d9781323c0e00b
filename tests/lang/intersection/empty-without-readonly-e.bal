// jBallerina builds intersections only with `readonly` or of error types; the others are an
// "unsupported intersection". balmail refuses those that describe no value at all.
type Ticket record {|
    string id;
|};

type Invoice record {|
    int number;
|};

type Pair [string, string];
type Triple [string, string, string];

type Node record {|
    Ticket & Node? next; // @error unsupported intersection
|};

type Code int & Ticket; // @error unsupported intersection

function route(Ticket & Invoice doc) { // @error unsupported intersection
    _ = doc;
}

function label() returns boolean & string { // @error unsupported intersection
    panic error("never returns");
}

public function main() {
    Pair & Triple p = ["a", "b"]; // @error unsupported intersection
    _ = p;
}

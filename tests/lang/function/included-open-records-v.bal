import ballerina/io;

// Named arguments that no parameter and no declared field takes go to an open included record whose rest
// type takes them; a `never` field declares the name absent from that record.
type Labels record {|
    string...;
|};

type Counts record {|
    never owner?;
    int...;
|};

function tally(string title, *Labels labels, *Counts counts) returns string {
    return string `${title}: ${labels.toString()} ${counts.toString()}`;
}

public function main() {
    io:println(tally("t", owner = "ann", colour = "red", apples = 3)); // @output t: {"owner":"ann","colour":"red"} {"apples":3}
}

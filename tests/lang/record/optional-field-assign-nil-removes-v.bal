import ballerina/io;

// Storing () through a field-access lvalue into an optional field whose type does not
// allow nil removes the field (ballerina-spec#1079); a nilable field stores () instead.
type Order record {|
    int id;
    string note?;
    int? qty;
    string? tag?;
|};

public function main() {
    Order o = {id: 1, note: "rush", qty: 3, tag: "x"};
    o.note = ();
    io:println(o.hasKey("note")); // @output false
    io:println(o); // @output {"id":1,"qty":3,"tag":"x"}
    o.note = ();
    io:println(o.length()); // @output 3
    o.note = "again";
    io:println(o.note); // @output again
    o.qty = ();
    io:println(o.hasKey("qty")); // @output true
    o.tag = ();
    io:println(o.hasKey("tag")); // @output true
    // a declared field shows in its declared place, whenever it was added (docs/patterns.md)
    io:println(o); // @output {"id":1,"note":"again","qty":null,"tag":null}
}

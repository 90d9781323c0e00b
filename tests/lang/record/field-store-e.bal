// A store through field access must fit the field; a closed record has no other field; a map has no
// field access for assignment (`m["k"] = v` is the way).
type Ticket record {|
    int id;
    string? owner;
    float weight;
    int priority?;
|};

public function main() {
    Ticket t = {id: 1, owner: (), weight: 1.5};
    t.owner = "pat";
    t.priority = (); // an optional field takes nil: the field is removed
    t.id = (); // @error incompatible types: expected 'int', found '()'
    t.weight |= 3; // @error operator '|' not defined for 'float' and 'int'
    t.status = "open"; // @error undefined field 'status' in record 'Ticket'
    map<int> counts = {};
    counts.open = 1; // @error invalid operation: type 'map<int>' does not support field access for assignment
    counts["open"] = 1;
}

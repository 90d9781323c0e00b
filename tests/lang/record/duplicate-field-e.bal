// A record type names each field once, in a type definition or written inline.
type Contact record {|
    string name;
    string email;
    string name; // @error redeclared symbol 'name'
|};

public function main() {
    record {int id; int id;} r = {id: 1}; // @error redeclared symbol 'id'
    Contact? c = ();
    _ = r;
    _ = c;
}

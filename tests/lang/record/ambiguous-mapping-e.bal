// A mapping constructor where a union of records is expected takes the one record type it fits; one that
// fits two of them has no single type.
type Required record {
    int x;
};

type Optional record {
    int x?;
};

type Named record {|
    string name;
|};

public function main() {
    Required|Named one = {name: "a"};
    Required|Optional two = {x: 1}; // @error ambiguous type '(Required|Optional)'
    _ = one;
    _ = two;
}

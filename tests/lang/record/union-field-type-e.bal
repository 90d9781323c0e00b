// Reading a field of a union of records gives any of the field's types, nil included when the field is
// optional in one of them.
type Parcel record {
    int weight;
    string to;
};

type Letter record {
    int weight?;
    boolean urgent;
};

public function main() {
    Parcel|Letter item = {weight: 2, to: "pat"};
    int? maybe = item.weight;
    int weight = item.weight; // @error incompatible types: expected 'int', found 'int?'
    _ = maybe;
    _ = weight;
}

type Row record {|
    readonly int id;
    string name;
|};

public function main() {
    table<Row> key(id) rows = table [];
    rows[1] = {id: 1, name: 5}; // @error incompatible types: expected 'string', found 'int'
}

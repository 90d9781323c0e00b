type Row record {|
    readonly int id;
    string name;
|};

public function main() {
    table<Row> key(id) t = table [];
    Row r = t.get("1"); // @error incompatible types: expected 'int', found 'string'
}

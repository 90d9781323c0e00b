type Row record {|
    readonly int id;
    string name;
|};

public function main() {
    table<Row> key(id) t = table [];
    t.add({id: 1, nam: "typo"}); // @error undefined field 'nam' in record 'Row'
}

type Row record {|
    readonly int id;
    string name;
|};

public function main() {
    table<Row> key(id) rows = table [
        {id: 1} // @error missing non-defaultable required record field 'name'
    ];
}

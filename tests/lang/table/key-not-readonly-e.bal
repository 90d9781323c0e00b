type Row record {|
    int id;
    string name;
|};

public function main() {
    table<Row> key(id) t = table []; // @error field 'id' used in key specifier must be a readonly field
}

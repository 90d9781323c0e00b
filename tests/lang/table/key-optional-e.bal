type Row record {|
    readonly int id?;
|};

table<Row> key(id) rows = table []; // @error field 'id' used in key specifier must be a required field

public function main() {
}

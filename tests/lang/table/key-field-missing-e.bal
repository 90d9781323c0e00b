type Row record {|
    readonly int id;
|};

public function main() {
    table<Row> key(code) t = table []; // @error field name 'code' used in key specifier is not found in table constraint type 'Row'
}

type Row record {|
    int id;
|};

public function main() {
    table<Row> rows = table [{id: 1}];
    Row? r = rows[1]; // @error member access is not supported for table 'rows'
}

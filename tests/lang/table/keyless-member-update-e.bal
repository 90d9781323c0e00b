type Row record {|
    int id;
|};

public function main() {
    table<Row> rows = table [{id: 1}];
    rows[1] = {id: 1}; // @error cannot update 'table<Row>' with member access expression
}

type Row record {|
    readonly int id;
    string name;
|};

public function main() {
    table<Row> key(id) t = table [{id: 1, name: "a"}, {id: 1, name: "b"}]; // @panic {ballerina/lang.table}KeyConstraintViolation {"message":"a value found for key '1'"}
}

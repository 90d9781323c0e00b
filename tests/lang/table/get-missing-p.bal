type Row record {|
    readonly int id;
|};

public function main() {
    table<Row> key(id) t = table [{id: 1}];
    Row r = t.get(2); // @panic {ballerina/lang.table}KeyNotFound {"message":"cannot find key '2'"}
}

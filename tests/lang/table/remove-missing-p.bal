type Row record {|
    readonly string code;
|};

public function main() {
    table<Row> key(code) t = table [{code: "x"}];
    Row r = t.remove("y"); // @panic {ballerina/lang.table}KeyNotFound {"message":"cannot find key 'y'"}
}

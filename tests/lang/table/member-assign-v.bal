import ballerina/io;

type Row record {|
    readonly string code;
    int qty;
|};

public function main() {
    table<Row> key(code) stock = table [{code: "a", qty: 1}];
    stock["a"] = {code: "a", qty: 5};
    stock["b"] = {code: "b", qty: 2};
    io:println(stock); // @output [{"code":"a","qty":5},{"code":"b","qty":2}]
    Row? a = stock["a"];
    if a is Row {
        a.qty += 1;
    }
    io:println(stock["a"]); // @output {"code":"a","qty":6}
}

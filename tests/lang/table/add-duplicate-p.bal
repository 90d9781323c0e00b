import ballerina/io;

type Row record {|
    readonly string first;
    readonly string last;
|};

public function main() {
    table<Row> key(first, last) t = table [{first: "a", last: "b"}];
    io:println(t.length()); // @output 1
    t.add({first: "a", last: "b"}); // @panic {ballerina/lang.table}KeyConstraintViolation
}

import ballerina/io;

type Row record {|
    readonly int id;
    string name;
|};

public function main() {
    table<Row> key(id) a = table [{id: 1, name: "x"}];
    table<Row> key(id) b = table [{id: 1, name: "x"}];
    table<Row> key(id) c = a.clone();
    io:println(a == b); // @output true
    io:println(a === b); // @output false
    c.put({id: 1, name: "y"});
    io:println(a[1]?.name); // @output x
    io:println(a == c); // @output false
    io:println(a is table<Row> key(id)); // @output true
    anydata data = a;
    io:println(data is table<Row>); // @output true
    table<Row> key(id) ro = a.cloneReadOnly();
    io:println(ro.isReadOnly()); // @output true
}

import ballerina/io;

type Row record {|
    readonly int id;
    string name;
|};

type Registry record {|
    string owner;
    table<Row> key(id) rows;
|};

public function main() {
    Registry a = {owner: "ops", rows: table [{id: 1, name: "x"}]};
    Registry b = {owner: "ops", rows: table [{id: 1, name: "x"}]};
    io:println(a == b); // @output true
    Registry c = a.clone();
    c.rows.put({id: 1, name: "changed"});
    io:println(a.rows[1]?.name); // @output x
    io:println(c.rows[1]?.name); // @output changed
    io:println(a == c); // @output false
    io:println(a); // @output {"owner":"ops","rows":[{"id":1,"name":"x"}]}
    io:println(a.toJsonString()); // @output {"owner":"ops", "rows":[{"id":1, "name":"x"}]}
    Row[] all = [...a.rows, ...c.rows];
    io:println(all.length()); // @output 2
}

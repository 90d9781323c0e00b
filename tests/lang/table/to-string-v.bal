import ballerina/io;

type Row record {|
    readonly int id;
    string name;
|};

public function main() {
    table<Row> key(id) t = table [{id: 1, name: "a"}, {id: 2, name: "b"}];
    io:println(t.toString()); // @output [{"id":1,"name":"a"},{"id":2,"name":"b"}]
    io:println(t.toBalString()); // @output table key(id) [{"id":1,"name":"a"},{"id":2,"name":"b"}]
    io:println(t.toJsonString()); // @output [{"id":1, "name":"a"}, {"id":2, "name":"b"}]
    json j = t.toJson();
    io:println(j); // @output [{"id":1,"name":"a"},{"id":2,"name":"b"}]
    io:println(`rows: ${t.toString()}`); // @output rows: [{"id":1,"name":"a"},{"id":2,"name":"b"}]
    map<table<Row> key(id)> nested = {all: t};
    io:println(nested); // @output {"all":[{"id":1,"name":"a"},{"id":2,"name":"b"}]}
}

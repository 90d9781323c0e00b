import ballerina/io;

type Row record {|
    readonly int id;
    string name;
|};

type Rows table<Row> key(id);

public function main() returns error? {
    json data = [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}];
    Rows rows = check data.cloneWithType();
    io:println(rows[2]); // @output {"id":2,"name":"b"}
    io:println(rows.keys()); // @output [1,2]

    json dup = [{"id": 1, "name": "a"}, {"id": 1, "name": "b"}];
    Rows|error bad = dup.cloneWithType();
    io:println(bad is error); // @output true

    Rows again = check rows.toJson().fromJsonWithType();
    io:println(again == rows); // @output true
}

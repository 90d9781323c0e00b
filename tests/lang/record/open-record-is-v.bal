import ballerina/io;

type Base record {
    string id;
};

public function main() {
    map<anydata> m = {id: "x", extra: 1};
    anydata a = m.cloneReadOnly();
    io:println(a is Base); // @output true
}

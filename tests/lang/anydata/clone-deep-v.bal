import ballerina/io;

public function main() {
    map<anydata> m = {list: [1, 2]};
    map<anydata> c = m.clone();
    anydata inner = c["list"];
    if inner is anydata[] {
        inner.push(3);
    }
    io:println(m); // @output {"list":[1,2]}
    io:println(c); // @output {"list":[1,2,3]}
}

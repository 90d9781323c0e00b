import ballerina/io;

type Order record {|
    string id;
|};

public function main() {
    Ordr o = {id: "1"};
    io:println(o);
}

import ballerina/io;

type Settings record {|
    string name;
    int[] ports;
|};

public function main() {
    Settings & readonly s = {name: "x", ports: [1, 2]};
    io:println(s.isReadOnly(), " ", s.ports.isReadOnly()); // @output true true
    Settings mutable = {name: "y", ports: []};
    io:println(mutable is readonly); // @output false
}

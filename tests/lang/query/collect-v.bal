import ballerina/io;

type Item record {|
    string name;
    int qty;
|};

public function main() {
    Item[] items = [{name: "a", qty: 2}, {name: "b", qty: 5}];
    int total = from var {qty} in items collect sum(qty);
    io:println(total); // @output 7
    int n = from var item in items collect count(item);
    io:println(n); // @output 2
}

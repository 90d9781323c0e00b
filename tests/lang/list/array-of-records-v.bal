import ballerina/io;

type Item record {|
    string name;
    int qty;
|};

public function main() {
    Item[] items = [{name: "a", qty: 1}, {name: "b", qty: 2}];
    items.push({name: "c", qty: 3});
    int total = 0;
    foreach Item it in items {
        total += it.qty;
    }
    io:println(total, " ", items[2].name); // @output 6 c
}

import ballerina/io;

type Order record {|
    string id;
    int[] items;
|};

public function main() {
    Order o = {id: "A1", items: [1, 2]};
    io:println(o.toJsonString()); // @output {"id":"A1", "items":[1, 2]}
    io:println(o.toString()); // @output {"id":"A1","items":[1,2]}
}

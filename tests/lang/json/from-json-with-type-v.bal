import ballerina/io;

type Item record {|
    string sku;
    int qty;
|};

public function main() returns error? {
    json j = {sku: "X-1", qty: 4};
    Item item = check j.fromJsonWithType();
    io:println(item.sku, " ", item.qty); // @output X-1 4
    Item other = check "{\"sku\": \"Y\", \"qty\": 2}".fromJsonStringWithType();
    io:println(other); // @output {"sku":"Y","qty":2}
}

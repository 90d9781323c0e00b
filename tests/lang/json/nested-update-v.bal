import ballerina/io;

public function main() returns error? {
    map<json> doc = {items: [], meta: {count: 0}};
    json items = doc["items"];
    if items is json[] {
        items.push("a");
    }
    io:println(doc.toJsonString()); // @output {"items":["a"], "meta":{"count":0}}
}

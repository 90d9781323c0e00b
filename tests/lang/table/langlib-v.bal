import ballerina/io;

type Item record {|
    readonly int id;
    string label;
|};

public function main() {
    table<Item> key(id) items = table [{id: 1, label: "one"}, {id: 2, label: "two"}];

    items.add({id: 3, label: "three"});
    io:println(items.length()); // @output 3

    // put replaces the row with the same key, in its place
    items.put({id: 1, label: "uno"});
    io:println(items); // @output [{"id":1,"label":"uno"},{"id":2,"label":"two"},{"id":3,"label":"three"}]
    items.put({id: 4, label: "four"});
    io:println(items.keys()); // @output [1,2,3,4]

    Item two = items.get(2);
    io:println(two.label); // @output two

    Item removed = items.remove(2);
    io:println(removed.label); // @output two
    io:println(items.hasKey(2)); // @output false
    io:println(items.hasKey(3)); // @output true
    io:println(items.removeIfHasKey(2) is ()); // @output true
    Item? three = items.removeIfHasKey(3);
    io:println(three?.label); // @output three

    Item[] rows = items.toArray();
    io:println(rows); // @output [{"id":1,"label":"uno"},{"id":4,"label":"four"}]
    io:println(items.nextKey()); // @output 5

    items.removeAll();
    io:println(items.length()); // @output 0
    io:println(items.nextKey()); // @output 0

    table<Item> key(id) other = table [{id: 9, label: "nine"}];
    io:println(table:length(other)); // @output 1
    io:println(table:keys(other)); // @output [9]
}

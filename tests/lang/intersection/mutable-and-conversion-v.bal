import ballerina/io;

type Point record {|
    int x;
    int y;
|};

type RoPoint readonly & Point;

type Named record {
    string name;
};

type Tagged record {
    string[] tags;
};

type Item Named & Tagged;

public function main() {
    // without `readonly` among the members, an intersection's values stay mutable
    Item it = {name: "n", tags: ["a"]};
    it.tags.push("b");
    io:println(it); // @output {"name":"n","tags":["a","b"]}
    anydata a = it;
    io:println(a is Named, " ", a is Tagged, " ", a is Item); // @output true true true
    // cloneWithType into `readonly & T` builds a read-only value
    json j = {x: 1, y: 2};
    RoPoint|error p = j.cloneWithType();
    io:println(p is RoPoint, " ", p is error ? false : p.isReadOnly()); // @output true true
    Item|error copy = a.cloneWithType();
    io:println(copy is error ? true : copy.isReadOnly()); // @output false
    anydata x = {a: 1};
    io:println(x is map<int> & readonly, " ", x.cloneReadOnly() is map<int> & readonly); // @output false true
}

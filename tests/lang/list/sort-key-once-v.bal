import ballerina/io;

type E record {|
    string name;
    int rank;
|};

public function main() {
    E[] es = [{name: "a", rank: 2}, {name: "b", rank: 1}, {name: "c", rank: 2}, {name: "d", rank: 1}];
    int calls = 0;
    E[] down = es.sort("descending", function(E e) returns int {
        calls += 1;
        return e.rank;
    });
    // equal keys keep their order in both directions; the key function runs once per member
    io:println(from E e in down select e.name); // @output ["a","c","b","d"]
    io:println(calls); // @output 4
    string[] words = ["pear", "fig", "apple", "kiwi"];
    io:println(words.sort(key = w => w.length())); // @output ["fig","pear","kiwi","apple"]
    io:println(words.sort("descending", w => w.substring(1))); // @output ["apple","kiwi","fig","pear"]
}

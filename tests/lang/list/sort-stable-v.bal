import ballerina/io;

type E record {|
    string name;
    int rank;
|};

public function main() {
    E[] es = [{name: "a", rank: 2}, {name: "b", rank: 1}, {name: "c", rank: 2}, {name: "d", rank: 1}];
    E[] sorted = es.sort(key = e => e.rank);
    io:println(from E e in sorted select e.name); // @output ["b","d","a","c"]
}

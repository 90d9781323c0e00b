import ballerina/io;

type Node record {|
    int value;
    Node? next = ();
|};

type Tree record {|
    int v;
    Tree[] kids;
|};

type Json int|string|Json[]|map<Json>;

public function main() {
    Node & readonly list = {value: 1, next: {value: 2}};
    io:println(list); // @output {"value":1,"next":{"value":2,"next":null}}
    io:println(list.next is readonly); // @output true
    Tree t = {v: 1, kids: [{v: 2, kids: []}]};
    readonly & Tree frozen = t.cloneReadOnly();
    io:println(frozen.kids[0].v, " ", frozen.kids.isReadOnly()); // @output 2 true
    readonly & Json j = [1, "a", {x: [2]}];
    io:println(j is Json, " ", j.isReadOnly()); // @output true true
}

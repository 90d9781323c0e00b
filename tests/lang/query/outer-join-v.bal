import ballerina/io;

type A record {|
    int id;
|};

type B record {|
    int id;
    string tag;
|};

public function main() {
    A[] all = [{id: 1}, {id: 2}];
    B[] bs = [{id: 1, tag: "one"}];
    string[] out = from A a in all
        outer join B? b in bs on a.id equals b?.id
        select a.id.toString() + "=" + (b is B ? b.tag : "none");
    io:println(out); // @output ["1=one","2=none"]
}

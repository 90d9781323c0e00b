// `foreach` over a record visits its fields in the order the record prints them: the record type's own
// fields, then those of its type inclusions, then any others (Ballerina iterates a mapping through the
// same entries it prints; docs/patterns.md, "Record field order").
import ballerina/io;

type Base record {|
    int first;
|};

type Extended record {|
    *Base;
    int second;
    int third?;
|};

public function main() {
    Extended e = {second: 2, first: 1};
    e.third = 3;
    foreach int v in e {
        io:println(v); // @output 2
        // @output 3
        // @output 1
    }
    io:println(e); // @output {"second":2,"third":3,"first":1}
    int[] seen = from int v in e select v * 10;
    io:println(seen); // @output [20,30,10]
}

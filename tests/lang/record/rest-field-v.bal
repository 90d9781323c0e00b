import ballerina/io;

type Counts record {|
    int total;
    int...;
|};

public function main() {
    Counts c = {total: 3, inbox: 2, spam: 1};
    io:println(c); // @output {"total":3,"inbox":2,"spam":1}
    io:println(c["inbox"]); // @output 2
}

import ballerina/io;

type Ids readonly & int[];

public function main() {
    Ids ids = [1, 2, 3];
    io:println(ids, " ", ids.isReadOnly()); // @output [1,2,3] true
    readonly & map<string> m = {a: "x"};
    io:println(m, " ", m.isReadOnly()); // @output {"a":"x"} true
    readonly & [int, string] pair = [1, "a"];
    io:println(pair[1], " ", pair is [int, string]); // @output a true
    int[] & readonly other = [4];
    io:println(other.length()); // @output 1
}

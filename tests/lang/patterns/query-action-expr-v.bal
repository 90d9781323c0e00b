import ballerina/io;

function parse(string s) returns int|error => int:fromString(s);

public function main() returns error? {
    int[] nums = [1, 2, 3, 4];
    int[] tens = [];
    // a query action is an action: its value is nil, or the error a clause or the block failed with
    check from var i in nums
        where i % 2 == 0
        do {
            tens.push(i * 10);
        };
    io:println(tens); // @output [20,40]
    error? result = from var s in ["1", "two", "3"]
        do {
            int v = check parse(s);
            io:println("parsed ", v);
        };
    // @output parsed 1
    io:println(result is error); // @output true
    // grouping works in query actions too
    from var {k, v} in [{k: "a", v: 1}, {k: "b", v: 2}, {k: "a", v: 3}]
        group by k
        do {
            io:println(k, " ", sum(v), " ", [v]);
        };
    // @output a 4 [1,3]
    // @output b 2 [2]
}

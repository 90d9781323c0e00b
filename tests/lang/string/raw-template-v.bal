import ballerina/io;

// A backtick template without a tag is an object:RawTemplate: `strings` holds the literal pieces (one
// more than the insertions) and `insertions` the values of the `${}` expressions, evaluated once.
public function main() {
    int x = 5;
    object:RawTemplate t = `a ${x} b ${x + 1}`;
    io:println(t.strings); // @output ["a "," b ",""]
    io:println(t.insertions); // @output [5,6]
    io:println(t.strings.length(), " ", t.insertions.length()); // @output 3 2
    object:RawTemplate empty = `no insertions`;
    io:println(empty.strings, " ", empty.insertions.length()); // @output ["no insertions"] 0
    int calls = 0;
    function () returns int next = function() returns int {
        calls += 1;
        return calls;
    };
    object:RawTemplate once = `${next()}-${next()}`;
    io:println(once.insertions, " ", calls); // @output [1,2] 2
    io:println(`io:println renders it: ${x * 2}`); // @output io:println renders it: 10
}

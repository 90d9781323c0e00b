import ballerina/io;

public function main() {
    (int?)[] xs = [1, (), 3];
    io:println(xs); // @output [1,null,3]
    map<string?> m = {a: (), b: "x"};
    io:println(m); // @output {"a":null,"b":"x"}
}

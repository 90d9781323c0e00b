// A declaration whose type is a named one-member list type and whose binding is a one-member list binding
// pattern (`One [a] = o;`) reads like an assignment to `One[a]`; with `One` a type it is the declaration
// (spec: "Local variable declaration statements"), in a function body and in a closure alike, while
// `xs [i] = v;` with `xs` a variable stays a member assignment.
import ballerina/io;

type One [int];
type Nest [[int, string]];

public function main() {
    One o = [5];
    One [a] = o;
    io:println(a + 1); // @output 6

    Nest n = [[3, "three"]];
    Nest [[b, c]] = n;
    io:println(b, c); // @output 3three

    int[] xs = [0, 0];
    int i = 1;
    xs [i] = 9;
    io:println(xs); // @output [0,9]

    var f = function() returns string {
        Nest [[d, e]] = n;
        return e + d.toString();
    };
    io:println(f()); // @output three3
}

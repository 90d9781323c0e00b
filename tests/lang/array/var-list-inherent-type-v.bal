import ballerina/io;

function label() returns string {
    return "x";
}

public function main() {
    // without a contextually expected type a list constructor's inherent type is the tuple of its
    // members' static types (nested list constructors are tuples as well)
    var xs = [1, 2];
    io:println(typeof xs); // @output typedesc [int,int]
    var mixed = [1, "a"];
    io:println(typeof mixed); // @output typedesc [int,string]
    io:println(typeof [label(), 2.5, [true, 3d]]); // @output typedesc [string,float,[boolean,decimal]]
    // a contextually expected array type gives an array
    int[] ys = [1, 2];
    io:println(typeof ys); // @output typedesc int[]
    // a tuple value whose members fit belongs to the array type
    io:println([10, 20, 30] is int[]); // @output true
    xs[1] = 5;
    io:println(xs); // @output [1,5]
}

import ballerina/io;
import ballerina/lang.array;

// array:sort and `order by` place NaN and then () after every other key in either direction, also
// when they are members of list keys; list keys compare member by member, then by length.
public function main() {
    float?[] xs = [2.0, (), 0.0 / 0.0, 1.0];
    io:println(xs.sort()); // @output [1.0,2.0,NaN,null]
    io:println(xs.sort(array:DESCENDING)); // @output [2.0,1.0,NaN,null]
    float?[][] ls = [[1.8, 2.89], [(), 4], [3], [1.8, 0.0 / 0.0], [1.8]];
    io:println(ls.sort()); // @output [[1.8],[1.8,2.89],[1.8,NaN],[3.0],[null,4.0]]
    io:println(ls.sort(array:DESCENDING)); // @output [[3.0],[1.8,2.89],[1.8,NaN],[1.8],[null,4.0]]
    io:println(from var x in xs order by x descending select x); // @output [2.0,1.0,NaN,null]
    int[] original = [3, 1, 2];
    int[] sorted = original.sort();
    io:println(original, " ", sorted); // @output [3,1,2] [1,2,3]
}

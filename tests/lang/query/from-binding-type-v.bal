// A `from` clause binding whose type fits the collection's members (or is inferred with `var`).
import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3];
    int[] doubled = from int x in xs select x * 2;
    int[] same = from var x in xs select x;
    float[] widened = from int|float x in xs select x is int ? <float>x : x;
    io:println(doubled, " ", same, " ", widened); // @output [2,4,6] [1,2,3] [1.0,2.0,3.0]
}

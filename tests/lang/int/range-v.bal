import ballerina/io;

// int:range(s, e, step) iterates s, s+step, ... while before e (after e for a negative step).
public function main() {
    int[] up = [];
    foreach int i in int:range(0, 10, 3) {
        up.push(i);
    }
    io:println(up); // @output [0,3,6,9]
    int[] down = from int i in int:range(5, 0, -2) select i;
    io:println(down); // @output [5,3,1]
    int count = 0;
    foreach int _ in int:range(4, 4, 1) {
        count += 1;
    }
    io:println(count); // @output 0
}

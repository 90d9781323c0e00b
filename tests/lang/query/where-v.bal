import ballerina/io;

public function main() {
    int[] xs = [5, 12, 7, 20];
    int[] big = from int x in xs where x > 6 select x;
    io:println(big); // @output [12,7,20]
}

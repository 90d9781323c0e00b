import ballerina/io;

public function main() {
    int[] xs = [9, 8, 7, 6, 5];
    int[] top = from int x in xs order by x limit 2 select x;
    io:println(top); // @output [5,6]
}

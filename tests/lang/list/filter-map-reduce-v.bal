import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3, 4, 5];
    int[] evens = xs.filter(x => x % 2 == 0);
    io:println(evens); // @output [2,4]
    int[] squares = xs.map(x => x * x);
    io:println(squares); // @output [1,4,9,16,25]
    int total = xs.reduce(function(int acc, int x) returns int => acc + x, 0);
    io:println(total); // @output 15
}

import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3, 4];
    stream<int> evens = stream from int x in xs where x % 2 == 0 select x;
    int[] back = from int x in evens select x * 10;
    io:println(back); // @output [20,40]
}

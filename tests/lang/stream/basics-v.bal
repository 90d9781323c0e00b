import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3];
    stream<int> s = xs.toStream();
    record {|int value;|}? first = s.next();
    io:println(first); // @output {"value":1}
    int total = 0;
    foreach int x in s {
        total += x;
    }
    io:println(total); // @output 5
}

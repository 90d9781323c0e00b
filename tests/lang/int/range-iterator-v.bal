import ballerina/io;

// int:range returns an iterable object: its iterator() gives next() results of
// record {| int value; |}? until the range is exhausted, then ().
public function main() {
    var it = int:range(2, 7, 2).iterator();
    record {|int value;|}? first = it.next();
    io:println(first); // @output {"value":2}
    io:println(it.next()); // @output {"value":4}
    io:println(it.next()); // @output {"value":6}
    io:println(it.next() is ()); // @output true
}

// construct: stream types — stream from a list, next(), query over a stream, stream<T, error?> produced by a query
import ballerina/io;

public function main() returns error? {
    int[] sizes = [10, 250, 40, 900];
    stream<int> s = sizes.toStream();
    record {|int value;|}? first = s.next();
    stream<string, error?> labels = stream from int size in sizes
        where size > 30
        select string `${size}B`;
    string[] collected = check from string l in labels
        select l;
    io:println(first, " ", collected);
}

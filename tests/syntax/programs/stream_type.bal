// construct: stream types — stream from a list, next(), stream query construct, stream<T, error?> param, query over a stream
import ballerina/io;

function drain(stream<string, error?> items) returns string[]|error {
    return from string item in items
        select item;
}

public function main() returns error? {
    int[] sizes = [10, 250, 40, 900];
    stream<int> s = sizes.toStream();
    record {|int value;|}? first = s.next();
    stream<string> labels = stream from int size in sizes
        where size > 30
        select string `${size}B`;
    string[] collected = check drain(labels);
    io:println(first, " ", collected);
}

import ballerina/io;

// An out-of-range result of a lang.int function is that module's NumberOverflow error, while the
// `+` operator's is the language's own.
public function main() {
    int low = int:MIN_VALUE;
    int|error r = trap low.abs();
    io:println(r is error ? r.message() : "no error"); // @output {ballerina/lang.int}NumberOverflow
    r = trap int:sum(int:MAX_VALUE, 1);
    io:println(r is error ? r.message() : "no error"); // @output {ballerina/lang.int}NumberOverflow
    r = trap (int:MAX_VALUE + 1);
    io:println(r is error ? r.message() : "no error"); // @output {ballerina}NumberOverflow
    io:println(int:sum(10, low, int:MAX_VALUE - 4)); // @output 5
}

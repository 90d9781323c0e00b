import ballerina/io;

public function main() {
    int[] ints = [1, 2];
    any a = ints;
    io:println(a is int[]); // @output true
    io:println(a is string[]); // @output false
    anydata[] mixed = [1, 2];
    any b = mixed;
    io:println(b is int[]); // @output false
    io:println(b is anydata[]); // @output true
}

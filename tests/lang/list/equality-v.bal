import ballerina/io;

public function main() {
    int[] a = [1, 2, 3];
    int[] b = [1, 2, 3];
    io:println(a == b); // @output true
    io:println(a === b); // @output false
    int[] c = a;
    io:println(a === c); // @output true
    io:println([1, 2] == [2, 1]); // @output false
}

import ballerina/io;

public function main() {
    int? a = 5;
    int? b = ();
    int? sum = a + b;
    io:println(sum is ()); // @output true
    int? c = a + 1;
    io:println(c); // @output 6
}

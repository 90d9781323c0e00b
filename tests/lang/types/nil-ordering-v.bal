import ballerina/io;

public function main() {
    int? a = ();
    int? b = 5;
    io:println(a < b); // @output false
    io:println(a > b); // @output false
    io:println(b > 3); // @output true
}

import ballerina/io;

public function main() {
    io:println(3 < 5); // @output true
    io:println(5 <= 5); // @output true
    io:println(7 > 9); // @output false
    io:println(9 >= 10); // @output false
    io:println(4 == 4); // @output true
    io:println(4 != 4); // @output false
}

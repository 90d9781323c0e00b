import ballerina/io;

public function main() {
    int x = 127;
    io:println(x is int:Signed8); // @output true
    int y = 128;
    io:println(y is int:Signed8); // @output false
    io:println(y is int:Unsigned8); // @output true
    int z = -1;
    io:println(z is int:Unsigned32); // @output false
}

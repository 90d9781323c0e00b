import ballerina/io;

public function main() {
    byte b = 200;
    int i = b + 100;
    io:println(i); // @output 300
    io:println(b is byte); // @output true
    int j = 256;
    io:println(j is byte); // @output false
}

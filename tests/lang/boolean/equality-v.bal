import ballerina/io;

public function main() {
    boolean x = 3 > 2;
    io:println(x == true); // @output true
    io:println(x != false); // @output true
}

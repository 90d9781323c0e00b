import ballerina/io;

type SmallPrime 2|3|5|7;

public function main() {
    int n = 5;
    io:println(n is SmallPrime); // @output true
    int m = 4;
    io:println(m is SmallPrime); // @output false
}

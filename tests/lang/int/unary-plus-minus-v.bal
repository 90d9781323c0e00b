import ballerina/io;

public function main() {
    int x = 5;
    io:println(+x, " ", -x, " ", - -x); // @output 5 -5 5
}

import ballerina/io;

public function main() {
    any v = 5;
    typedesc<any> t = typeof v;
    io:println(t); // @output typedesc int
    io:println(typeof "s"); // @output typedesc string
}

import ballerina/io;

public function main() {
    decimal a = 1.5;
    decimal b = 2.25;
    io:println(a < b); // @output true
    io:println(a == 1.5d); // @output true
    io:println(decimal:max(a, b)); // @output 2.25
}

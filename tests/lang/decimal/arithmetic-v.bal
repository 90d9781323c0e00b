import ballerina/io;

public function main() {
    decimal a = 0.1;
    decimal b = 0.2;
    io:println(a + b); // @output 0.3
    io:println(10d / 4d); // @output 2.5
    io:println(3.5d * 3d); // @output 10.5
    io:println(5.5d - 0.25d); // @output 5.25
}

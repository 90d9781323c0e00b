import ballerina/io;

public function main() {
    io:print("a");
    io:print("b", 1, true);
    io:println(); // @output ab1true
    io:println("x", 2.0, (), "y"); // @output x2.0y
}

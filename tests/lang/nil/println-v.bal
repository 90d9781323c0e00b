import ballerina/io;

public function main() {
    () nothing = ();
    io:println(nothing); // @output 
    io:println("[", nothing, "]"); // @output []
    int? maybe = ();
    io:println(maybe is ()); // @output true
}

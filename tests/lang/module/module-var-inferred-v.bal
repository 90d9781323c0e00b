import ballerina/io;

// a module-level `var` takes the type of its initialiser
var counter = 10;
final var greeting = "hi";

distinct service class Hello {
    resource function get greet() returns string {
        return greeting;
    }
}

public function main() {
    counter += 5;
    io:println(counter, " ", greeting); // @output 15 hi
}

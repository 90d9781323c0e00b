// Ballerina by Example "Named workers": code before the first named worker runs first; the workers run
// concurrently with the function's default worker and see the variables declared before them.
import ballerina/io;

public function main() {
    io:println("Initializing"); // @output Initializing
    final string greeting = "Hello";

    worker A {
        io:println(greeting + " from worker A");
    }

    worker B {
        io:println(greeting + " from worker B");
    }

    io:println(greeting + " from function worker");
}
// @output Hello from function worker
// @output Hello from worker B
// @output Hello from worker A

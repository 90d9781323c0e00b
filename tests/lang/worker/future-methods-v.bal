// Ballerina by Example "Asynchronous function calls": `wait` on a `start`ed call gives `T|error`;
// lang.future's `isDone` says whether the strand ended.
import ballerina/io;

function foo() returns int {
    return 10;
}

public function main() {
    future<int> fut = start foo();
    io:println(fut.isDone()); // @output false
    int|error x = wait fut;
    io:println(x); // @output 10
    io:println(fut.isDone()); // @output true
}

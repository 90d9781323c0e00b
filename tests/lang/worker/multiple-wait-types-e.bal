// The record a multiple receive or multiple wait gives has each worker's result type in its field: a
// record type whose field has another type cannot hold it (spec: "Multiple receive action", "Multiple
// wait action").
import ballerina/io;

public function main() {
    worker a returns int {
        1 -> function;
        return 10;
    }
    worker b returns string {
        "x" -> function;
        return "y";
    }
    record {int a; int b;} r = <- {a, b}; // @error incompatible types
    record {| string x; string y; |} w = wait {x: a, y: b}; // @error incompatible types
    io:println(r, w);
}

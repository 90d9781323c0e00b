// The `fork` statement starts its workers together; after it their names are futures, and a multiple
// `wait {w1, w2}` gives a record with one field per worker.
import ballerina/io;

public function main() {
    int base = 3;
    fork {
        worker w1 returns int {
            return base * 2;
        }
        worker w2 returns int {
            return base * 12;
        }
    }
    record {int w1; int w2;} result = wait {w1, w2};
    io:println("Result: ", result); // @output Result: {"w1":6,"w2":36}
    int first = wait w1;
    io:println(first); // @output 6
}

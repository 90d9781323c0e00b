// Named workers see the function's parameters and the variables declared before them; a function with
// workers may be called many times, each call with channels of its own.
import ballerina/io;

function scaled(int n, int factor) returns int {
    int offset = 1;
    worker W returns int {
        int received = <- function;
        return received * factor + offset;
    }
    n -> W;
    return wait W;
}

public function main() {
    int sum = 0;
    foreach int i in 1 ... 4 {
        sum += scaled(i, 10);
    }
    io:println(sum); // @output 104
}

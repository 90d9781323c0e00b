// A `while` on a constant `true` ends through `break`; the statements after it run.
import ballerina/io;

const RUNNING = true;
const STOPPED = false;

function firstEven(int[] xs) returns int {
    int i = 0;
    while RUNNING {
        if xs[i] % 2 == 0 {
            return xs[i];
        }
        i += 1;
    }
}

public function main() {
    int n = 0;
    while RUNNING {
        n += 1;
        if n == 3 {
            break;
        }
    }
    io:println(n); // @output 3
    while STOPPED {
        n += 1;
    }
    io:println(n); // @output 3
    io:println(firstEven([1, 3, 4, 5])); // @output 4
    if n > 0 {
        match n {
            3 => {
                return;
            }
        }
    } else {
        return;
    }
    io:println("after"); // a `match` that does not cover every value completes
}

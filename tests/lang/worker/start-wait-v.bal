// `start f()` runs the call on a new strand and gives a future at once; `wait` gives its result. The
// arguments are the values the variables had at `start`.
import ballerina/io;

function square(int n) returns int {
    io:println("square of ", n);
    return n * n;
}

public function main() returns error? {
    future<int>[] futures = [];
    foreach int i in 1 ... 3 {
        futures.push(start square(i));
    }
    io:println("started"); // @output started
    int total = 0;
    foreach future<int> f in futures {
        total += check wait f;
    }
    // @output square of 1
    // @output square of 2
    // @output square of 3
    io:println(total); // @output 14
}

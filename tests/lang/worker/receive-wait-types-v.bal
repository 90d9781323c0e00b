// Receives and waits whose static types fit the variables they initialise (spec: "Single receive
// action", "Wait action", "Alternate wait action").
import ballerina/io;

function square(int n) returns int {
    return n * n;
}

public function main() returns error? {
    worker producer returns error? {
        "ready" -> function;
        10 -> consumer;
        20 -> consumer;
    }
    worker consumer returns int|error {
        int first = check <- producer; // the producer may end with an error instead of sending
        int second = check <- producer;
        return first + second;
    }
    string|error status = <- producer;
    io:println(status); // @output ready
    int total = check wait consumer;
    io:println(total); // @output 30
    future<int> f = start square(4);
    int sq = wait f;
    io:println(sq); // @output 16
    var g = start square(5);
    int|error either = wait g | f;
    io:println(either is int); // @output true
    error? done = wait producer;
    io:println(done is ()); // @output true
}

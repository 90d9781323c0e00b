// construct: block statement, start/wait on a future, error binding pattern
import ballerina/io;

function compute(int n) returns int {
    return n * 2;
}

function fetch(boolean failing) returns error? {
    if failing {
        return error("mailbox unavailable", error("connection reset"));
    }
}

public function main() returns error? {
    {
        int scoped = 1;
        io:println("inside block ", scoped);
    }
    future<int> pending = start compute(21);
    int result = check wait pending;
    io:println("result ", result);
    error? outcome = fetch(true);
    if outcome is error {
        var error(message, cause) = outcome;
        io:println(message, " / ", cause is error ? cause.message() : "none");
    }
}

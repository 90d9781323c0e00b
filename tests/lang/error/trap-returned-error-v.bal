import ballerina/io;

function returnsError() returns int|error {
    return error("returned, not panicked");
}

public function main() {
    int|error r = trap returnsError();
    if r is error {
        io:println(r.message()); // @output returned, not panicked
    }
}

import ballerina/io;

// An `init` returning `error?` is run before `main`; returning () lets the program start.
int started = 0;

function init() returns error? {
    started = 1;
}

public function main() returns error? {
    io:println(started); // @output 1
}

// construct: panic statement with an error constructor and with an error variable
import ballerina/io;

function mustBePositive(int n) returns int {
    if n < 0 {
        panic error("negative value: " + n.toString());
    }
    return n;
}

function fatal(string reason) {
    error e = error("fatal: " + reason);
    panic e;
}

public function main() {
    int ok = mustBePositive(5);
    int|error bad = trap mustBePositive(-1);
    error? stopped = trap fatal("disk full");
    io:println(ok, " ", bad is error ? bad.message() : "no panic", " ", stopped is error);
}

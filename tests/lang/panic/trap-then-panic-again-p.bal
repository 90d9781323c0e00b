import ballerina/io;

function risky() returns int {
    panic error("first"); // @panic first
}

public function main() {
    int|error r = trap risky();
    io:println(r is error); // @output true
    int v = risky();
}

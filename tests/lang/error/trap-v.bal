import ballerina/io;

function boom() returns int {
    panic error("kaboom");
}

public function main() {
    int|error r = trap boom();
    io:println(r is error); // @output true
    if r is error {
        io:println(r.message()); // @output kaboom
    }
    int|error ok = trap 5;
    io:println(ok); // @output 5
}

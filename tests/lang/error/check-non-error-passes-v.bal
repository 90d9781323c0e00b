import ballerina/io;

function value() returns int|error => 7;

public function main() returns error? {
    int v = check value();
    io:println(v); // @output 7
}

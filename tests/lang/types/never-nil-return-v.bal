import ballerina/io;

function nothing() returns () {
    return ();
}

public function main() {
    () n = nothing();
    io:println(n is ()); // @output true
}

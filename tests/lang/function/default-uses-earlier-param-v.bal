import ballerina/io;

function range(int lo, int hi = lo + 10) returns int {
    return hi - lo;
}

public function main() {
    io:println(range(5)); // @output 10
    io:println(range(5, 7)); // @output 2
}

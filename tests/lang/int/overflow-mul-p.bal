import ballerina/io;

public function main() {
    int big = 4611686018427387904;
    int r = big * 2; // @panic {ballerina}NumberOverflow
    io:println(r);
}

import ballerina/io;

function mulAll(int[] xs) returns int {
    int p = 1;
    foreach int x in xs {
        p *= x;
    }
    return p;
}

public function main() {
    int|error small = trap mulAll([2, 3, 4]);
    io:println(small); // @output 24
    int|error big = trap mulAll([4294967296, 4294967296]);
    io:println(big is error); // @output true
}

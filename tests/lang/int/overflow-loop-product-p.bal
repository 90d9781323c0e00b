import ballerina/io;

function grid(int n) returns int {
    int total = 0;
    foreach int i in 3037000000 ..< n {
        foreach int j in 3037000000 ..< n {
            total = i * j; // @panic {ballerina}NumberOverflow
        }
    }
    return total;
}

public function main() {
    io:println(grid(3037000600));
}

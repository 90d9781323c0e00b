import ballerina/io;

function step(int n) returns int|error {
    if n > 2 {
        return error("too big");
    }
    return n * 10;
}

function run(int n) returns int|error {
    int a = check step(n);
    io:println("after check ", a);
    return a + 1;
}

public function main() {
    io:println(run(1)); // @output after check 10
    // @output 11
    io:println(run(5)); // @output error("too big")
}

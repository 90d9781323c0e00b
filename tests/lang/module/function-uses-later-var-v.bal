import ballerina/io;

int computed = compute();
int base = 40;

function compute() returns int {
    return base + 2;
}

public function main() {
    io:println(computed); // @output 42
}

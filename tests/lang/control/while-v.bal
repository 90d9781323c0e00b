import ballerina/io;

public function main() {
    int i = 0;
    int sum = 0;
    while i < 5 {
        sum += i;
        i += 1;
    }
    io:println(sum, " ", i); // @output 10 5
}

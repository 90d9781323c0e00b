import ballerina/io;

public function main() {
    int total = 0;
    foreach int x in [3, 4, 5] {
        total += x;
    }
    io:println(total); // @output 12
}

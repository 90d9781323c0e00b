import ballerina/io;

public function main() {
    decimal total = 0;
    foreach int i in 0 ..< 10 {
        total += 0.1;
    }
    io:println(total); // @output 1.0
    io:println(total == 1d); // @output true
}

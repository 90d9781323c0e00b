import ballerina/io;

public function main() {
    decimal[] prices = [1.10, 2.20, 3.30];
    decimal total = 0;
    foreach decimal p in prices {
        total += p;
    }
    io:println(total); // @output 6.60
    io:println(total == 6.6d); // @output true
}

import ballerina/io;

public function main() {
    float total = 0.0;
    foreach int i in 0 ..< 10 {
        total += 0.1;
    }
    io:println(total); // @output 0.9999999999999999
}

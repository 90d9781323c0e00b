import ballerina/io;

public function main() {
    int count = 3;
    float total = 7.5;
    float avg = total / <float>count;
    io:println(avg); // @output 2.5
}

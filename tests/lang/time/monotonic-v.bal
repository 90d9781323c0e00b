import ballerina/io;
import ballerina/time;

public function main() {
    decimal a = time:monotonicNow();
    decimal b = time:monotonicNow();
    io:println(b >= a); // @output true
}

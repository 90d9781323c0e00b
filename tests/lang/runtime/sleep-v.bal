import ballerina/io;
import ballerina/lang.runtime;
import ballerina/time;

public function main() {
    decimal began = time:monotonicNow();
    runtime:sleep(0.05);
    decimal elapsed = time:monotonicNow() - began;
    io:println(elapsed >= 0.04d); // @output true
}

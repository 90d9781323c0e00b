// construct: while loops, including a loop over a countdown and a loop with a compound condition
import ballerina/io;

public function main() {
    int attempts = 0;
    boolean connected = false;
    while !connected && attempts < 5 {
        attempts += 1;
        connected = attempts == 3;
    }
    int remaining = 3;
    while (remaining > 0) {
        io:println("polling, ", remaining, " left");
        remaining -= 1;
    }
    io:println("connected after ", attempts, " attempts: ", connected);
}

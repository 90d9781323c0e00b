// A receive from a worker that ended without sending (its send was on a path not taken) gets an error
// instead of waiting for ever; messages from one worker arrive in the order they were sent.
import ballerina/io;

public function main() {
    boolean send = false;
    worker A {
        1 -> function;
        2 -> function;
        if send {
            3 -> function;
        }
    }
    int first = <- A;
    int second = <- A;
    io:println(first * 10 + second); // @output 12
    int|error last = <- A;
    io:println(last is error); // @output true
}

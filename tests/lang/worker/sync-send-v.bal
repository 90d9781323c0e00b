// Ballerina by Example "Synchronize message passing": `v ->> W` waits until W received the value and is
// `()`; to a worker that already ended with an error it is that error.
import ballerina/io;

public function main() {
    worker A {
        int msg = 10;
        error? res = msg ->> B;
        io:println(res ?: "Transmission to B is successful");
        res = "Hello" ->> B;
        io:println(res ?: "Transmission to B is successful");
    }

    worker B returns error? {
        int value;
        value = <- A;
        io:println(string `Received ${value} from the A worker.`);
        if value == 10 {
            return error("Error in the B worker.");
        }
        string text = <- A;
        io:println(string `Received ${text} from the A worker.`);
    }
}
// @output Received 10 from the A worker.
// @output Transmission to B is successful
// @output error("Error in the B worker.")

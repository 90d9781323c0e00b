// Ballerina by Example "Flush": `flush W` waits until W received every message sent to it, or W failed;
// a receiver that panicked makes the flush panic (caught here by `trap`).
import ballerina/io;

public function main() {
    worker A {
        int msg = 10;
        msg -> B;
        "Hello" -> B;
        error? result = trap flush B;
        io:println("Result from worker B : ", result ?: "nil");
    }

    worker B {
        int value;
        value = <- A;
        io:println(string `Received integer ${value} from worker A`);
        if value == 10 {
            panic error("Error in worker B");
        }
        string text = <- A;
        io:println(string `Received string "${text}" from worker A`);
    }
}
// @output Received integer 10 from worker A
// @output Result from worker B : error("Error in worker B")

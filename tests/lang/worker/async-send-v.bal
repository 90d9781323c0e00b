// Ballerina by Example "Asynchronize message passing": `v -> W` never waits; `<- W` waits for the message.
import ballerina/io;

public function main() {
    worker A {
        int num = 10;
        num -> B;
        string msg = <- B;
        io:println(string `Received string "${msg}" from worker B`);
    }

    worker B {
        int num;
        num = <- A;
        io:println(string `Received integer "${num}" from worker A`);
        string msg = "Hello";
        msg -> A;
    }
}
// @output Received integer "10" from worker A
// @output Received string "Hello" from worker B

// A panic in the backing object's `next()` goes on in whoever iterates the stream.
import ballerina/io;

class Broken {
    int[] items = [1, 2];
    int i = 0;
    public isolated function next() returns record {| int value; |}? {
        int v = self.items[self.i]; // @panic index out of range
        self.i += 1;
        return {value: v};
    }
}

public function main() {
    stream<int> s = new (new Broken());
    foreach int x in s {
        io:println(x); // @output 1
        // @output 2
    }
}

import ballerina/io;

class Counter {
    private int count = 0;

    function increment() {
        self.count += 1;
    }

    function get() returns int {
        return self.count;
    }
}

public function main() {
    Counter c = new;
    c.increment();
    c.increment();
    io:println(c.get()); // @output 2
}

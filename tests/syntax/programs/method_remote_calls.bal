// construct: function calls, method calls on objects and langlib values, chained calls, calls through function values, remote calls
import ballerina/io;

class Counter {
    private int value = 0;

    public function increment(int step = 1) returns Counter {
        self.value += step;
        return self;
    }

    public function get() returns int {
        return self.value;
    }
}

client class Pinger {
    remote function ping(string host) returns string {
        return "pong from " + host;
    }
}

function square(int n) returns int {
    return n * n;
}

public function main() {
    Counter c = new;
    int total = c.increment().increment(5).get();
    string trimmed = "  Subject  ".trim().toLowerAscii();
    int length = trimmed.length();
    function (int) returns int f = square;
    Pinger pinger = new;
    string reply = pinger->ping("localhost");
    io:println(total, " ", trimmed, " ", length, " ", f(7), " ", square(3), " ", reply);
}
